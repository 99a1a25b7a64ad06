package org.rappel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.rappel.ami.AmiAction;
import org.rappel.ami.AmiEvent;
import org.rappel.ami.AmiEventListener;
import org.rappel.ami.AmiLinkChange;
import org.rappel.ami.AmiLinkListener;
import org.rappel.ami.BridgeEnterEvent;
import org.rappel.ami.CoreShowChannelEvent;
import org.rappel.ami.CoreShowChannelsAction;
import org.rappel.ami.DialBeginEvent;
import org.rappel.ami.HangupEvent;
import org.rappel.flow.QueueDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows agents' channels on AMI so that the contact center learns the agent answered when it happens
 * ({@code BridgeEnter}), not when the whole conversation is over (the caller's {@code Dial} returns only then), and
 * that the call ended when the agent hangs up. Only channels named after an agent's dial string
 * ({@code PJSIP/agent101-0000002a}) are passed on.
 *
 * <p>AMI is an accelerator, not a dependency: waiting contacts live in the contact center, and the caller's Dial
 * return tells the rest, so a lost link only delays {@code connected} until the call ends. Nothing is dropped on
 * {@code LOST}. After {@code RECONNECTED} or {@code ASTERISK_RESTARTED} the watcher resyncs what it missed: it asks
 * {@code CoreShowChannels}, and every agent leg it believed up that is no longer there is reported hung up (as its
 * {@code Hangup} event would have), while a leg still there and now in a bridge is reported answered; an agent leg
 * dialled while the link was down is taken up through the caller channel that shares its {@code Linkedid}. After
 * a restart the list is empty of the old legs, so every one of them ends that way.
 *
 * <p>Thread: the AMI connection's event loop (events, link changes and the list's answer all come there); it only
 * posts to the desk.
 */
final class AgentLegWatcher implements AmiEventListener, AmiLinkListener {

    private static final Logger log = LoggerFactory.getLogger(AgentLegWatcher.class);

    private final QueueDesk desk;
    private final List<String> agentPrefixes;
    private final Function<AmiAction, CompletableFuture<List<AmiEvent>>> listAction;
    /** Agent legs seen dialled or bridged and not yet seen hung up. */
    private final Set<String> legsUp = new LinkedHashSet<>();

    /**
     * @param listAction sends an event-list action and gives its items ({@code AmiConnection::sendForList})
     */
    AgentLegWatcher(QueueDesk desk, List<String> agentDialStrings,
                    Function<AmiAction, CompletableFuture<List<AmiEvent>>> listAction) {
        this.desk = desk;
        this.agentPrefixes = agentDialStrings.stream().map(d -> d + "-").toList();
        this.listAction = listAction;
    }

    @Override
    public void onEvent(AmiEvent event) {
        if (event instanceof DialBeginEvent dial) {
            if (dial.channel().isPresent() && isAgentLeg(dial.destChannel())) {
                legsUp.add(dial.destChannel());
                desk.agentDialed(dial.channel().get(), dial.destChannel());
            }
        } else if (event instanceof BridgeEnterEvent bridge) {
            if (isAgentLeg(bridge.channel())) {
                legsUp.add(bridge.channel());
                desk.agentBridged(bridge.channel());
            }
        } else if (event instanceof HangupEvent hangup) {
            if (isAgentLeg(hangup.channel())) {
                legsUp.remove(hangup.channel());
                desk.agentHungUp(hangup.channel());
            }
        }
    }

    @Override
    public void onLinkChange(AmiLinkChange change) {
        switch (change.kind()) {
            case CONNECTED -> log.info("AMI connected: agents' answers are followed on their channels");
            case LOST -> log.warn("AMI link lost ({}): callers keep their place; agents' answers are learnt from"
                    + " Dial until it is back", change.detail());
            case RECONNECTED -> {
                log.info("AMI link back; calls in progress go on; resyncing agents' channels");
                resync();
            }
            case ASTERISK_RESTARTED -> {
                log.warn("AMI link back, but Asterisk restarted: its calls are gone, and each held caller leaves"
                        + " the queue as its AGI session ends; resyncing agents' channels");
                resync();
            }
        }
    }

    /** Agent legs believed up, for tests and diagnostics. */
    Set<String> legsUp() {
        return Set.copyOf(legsUp);
    }

    /**
     * Compares the legs believed up when the list was asked for with the channels Asterisk has. A leg seen
     * hung up meanwhile is already gone from {@code legsUp}; a leg dialled after the request is not judged.
     */
    private void resync() {
        Set<String> believedUp = Set.copyOf(legsUp);
        listAction.apply(new CoreShowChannelsAction()).whenComplete((channels, failure) -> {
            if (failure != null) {
                log.warn("AMI resync: channel list not obtained ({}); agents' calls end when their Dial returns",
                        failure.toString());
                return;
            }
            Set<String> present = new HashSet<>();
            Set<String> bridged = new HashSet<>();
            List<CoreShowChannelEvent> agentLegs = new ArrayList<>();
            Map<String, List<String>> othersByLinkedid = new HashMap<>();
            for (AmiEvent e : channels) {
                if (!(e instanceof CoreShowChannelEvent ch)) {
                    continue;
                }
                if (isAgentLeg(ch.channel())) {
                    agentLegs.add(ch);
                    present.add(ch.channel());
                    if (ch.bridgeId().isPresent()) {
                        bridged.add(ch.channel());
                    }
                } else if (!ch.linkedid().isEmpty()) {
                    othersByLinkedid.computeIfAbsent(ch.linkedid(), k -> new ArrayList<>()).add(ch.channel());
                }
            }
            int ended = 0;
            int answered = 0;
            for (String leg : believedUp) {
                if (!legsUp.contains(leg)) {
                    continue;
                }
                if (!present.contains(leg)) {
                    legsUp.remove(leg);
                    desk.agentHungUp(leg);
                    ended++;
                } else if (bridged.contains(leg)) {
                    desk.agentBridged(leg);
                    answered++;
                }
            }
            int found = 0;
            for (CoreShowChannelEvent leg : agentLegs) {
                if (!legsUp.contains(leg.channel())) {
                    found++;
                    adopt(leg, othersByLinkedid.getOrDefault(leg.linkedid(), List.of()));
                }
            }
            log.info("AMI resync: {} channel(s) in Asterisk, {} agent leg(s) followed: {} still up ({} in a bridge),"
                    + " {} ended while the link was down; {} agent leg(s) began meanwhile", channels.size(),
                    believedUp.size(), believedUp.size() - ended, answered, ended, found);
        });
    }

    /**
     * An agent leg whose {@code DialBegin} was missed. The caller that dials it shares its {@code Linkedid}; every
     * such channel is offered to the desk, which keeps only the caller it assigned to that agent.
     */
    private void adopt(CoreShowChannelEvent leg, List<String> sameLinkedid) {
        legsUp.add(leg.channel());
        sameLinkedid.forEach(caller -> desk.agentDialed(caller, leg.channel()));
        if (leg.bridgeId().isPresent()) {
            desk.agentBridged(leg.channel());
        }
    }

    private boolean isAgentLeg(String channel) {
        for (String prefix : agentPrefixes) {
            if (channel.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
