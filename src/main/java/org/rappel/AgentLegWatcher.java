package org.rappel;

import java.util.List;
import org.rappel.ami.AmiEvent;
import org.rappel.ami.AmiEventListener;
import org.rappel.ami.AmiLinkChange;
import org.rappel.ami.AmiLinkListener;
import org.rappel.ami.BridgeEnterEvent;
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
 * {@code LOST}; after {@code RECONNECTED} or {@code ASTERISK_RESTARTED} it goes on (after a restart every held
 * call's AGI session ends, and each leaves the queue by that path).
 *
 * <p>Thread: the AMI connection's event loop; it only posts to the desk.
 */
final class AgentLegWatcher implements AmiEventListener, AmiLinkListener {

    private static final Logger log = LoggerFactory.getLogger(AgentLegWatcher.class);

    private final QueueDesk desk;
    private final List<String> agentPrefixes;

    AgentLegWatcher(QueueDesk desk, List<String> agentDialStrings) {
        this.desk = desk;
        this.agentPrefixes = agentDialStrings.stream().map(d -> d + "-").toList();
    }

    @Override
    public void onEvent(AmiEvent event) {
        if (event instanceof DialBeginEvent dial) {
            if (dial.channel().isPresent() && isAgentLeg(dial.destChannel())) {
                desk.agentDialed(dial.channel().get(), dial.destChannel());
            }
        } else if (event instanceof BridgeEnterEvent bridge) {
            if (isAgentLeg(bridge.channel())) {
                desk.agentBridged(bridge.channel());
            }
        } else if (event instanceof HangupEvent hangup) {
            if (isAgentLeg(hangup.channel())) {
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
            case RECONNECTED -> log.info("AMI link back; calls in progress go on");
            case ASTERISK_RESTARTED -> log.warn("AMI link back, but Asterisk restarted: its calls are gone, and"
                    + " each held caller leaves the queue as its AGI session ends");
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
