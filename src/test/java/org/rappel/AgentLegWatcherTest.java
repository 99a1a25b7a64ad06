package org.rappel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.ami.AmiAction;
import org.rappel.ami.AmiConnectionException;
import org.rappel.ami.AmiEvent;
import org.rappel.ami.AmiHeaders;
import org.rappel.ami.AmiLinkChange;
import org.rappel.ami.CoreShowChannelEvent;
import org.rappel.ami.CoreShowChannelsAction;
import org.rappel.ami.BridgeEnterEvent;
import org.rappel.ami.DialBeginEvent;
import org.rappel.ami.HangupEvent;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.flow.QueueDesk;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.AgentState;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactCenterException;
import org.rappel.queue.ContactKind;
import org.rappel.queue.ServiceConfig;

/**
 * AMI events of the agent's channel drive the contact center; other channels change nothing; after the link comes
 * back, the channel list settles what was missed.
 */
class AgentLegWatcherTest {

    private static final String CALLER = "PJSIP/trunk-00000007";
    private static final String AGENT_LEG = "PJSIP/agent101-0000002a";

    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor();
    /** The list actions the watcher sent, each with the answer the test gives it. */
    private final List<AmiAction> listActions = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<AmiEvent>> channelList = new CompletableFuture<>();
    private QueueDesk desk;
    private AgentLegWatcher watcher;

    @BeforeEach
    void reserveAgentForACaller() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentConfig agent = new AgentConfig("agent101", "PJSIP/agent101", Map.of("logement", 1), Duration.ZERO);
        AgentConfig other = new AgentConfig("agent1010", "PJSIP/agent1010", Map.of("logement", 1), Duration.ZERO);
        desk = QueueDesk.open(List.of(ServiceConfig.of("logement")), List.of(agent, other), List.of(), owner,
                Clock.systemUTC(), registry, WaitTimeEstimation.withDefaults(registry));
        watcher = new AgentLegWatcher(desk, List.of("PJSIP/agent101", "PJSIP/agent1010"), action -> {
            listActions.add(action);
            return channelList;
        });
        desk.enter(Contact.of("1795701998.7", ContactKind.LIVE_CALL, "logement", Instant.now()), CALLER, a -> {
        }).join();
        desk.center().login("agent101").join();
        awaitAgent(AgentState.RESERVED);
    }

    @AfterEach
    void stop() {
        desk.close();
        owner.shutdownNow();
    }

    private void awaitAgent(AgentState state) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(desk.center().agent("agent101").join().state()).isEqualTo(state));
    }

    private static DialBeginEvent dialBegin(String from, String to) {
        return new DialBeginEvent(Optional.of(from), to, "1795701999.1", "agent101", AmiHeaders.of());
    }

    @Test
    void onEvent_agentLegBridgedThenHungUp_connectedThenWrapUp() {
        watcher.onEvent(dialBegin(CALLER, AGENT_LEG));
        watcher.onEvent(new BridgeEnterEvent("b-1", AGENT_LEG, "1795701999.1", AmiHeaders.of()));
        awaitAgent(AgentState.ON_CALL);

        watcher.onEvent(new HangupEvent(AGENT_LEG, "1795701999.1", "1795701998.7", 16, "Normal Clearing",
                AmiHeaders.of()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(desk.center().agent("agent101").join().state())
                        .isIn(AgentState.WRAP_UP, AgentState.AVAILABLE));
        assertThatThrownBy(() -> desk.center().status("1795701998.7").join())
                .hasCauseInstanceOf(ContactCenterException.UnknownContact.class);
    }

    @Test
    void onEvent_bridgeOfAnotherAgentsChannel_changesNothing() {
        watcher.onEvent(dialBegin(CALLER, "PJSIP/agent1010-0000002b"));
        watcher.onEvent(new BridgeEnterEvent("b-1", "PJSIP/agent1010-0000002b", "1795701999.2", AmiHeaders.of()));
        watcher.onEvent(new BridgeEnterEvent("b-2", AGENT_LEG, "1795701999.1", AmiHeaders.of()));

        // A marker command queued after the events: once it is answered, the events have been handled.
        desk.center().snapshot().join();
        assertThat(desk.center().agent("agent101").join().state()).isEqualTo(AgentState.RESERVED);
    }

    /** Marker commands: a command the desk queued while handling the watcher's report has run after them. */
    private void settled() {
        desk.center().snapshot().join();
        desk.center().snapshot().join();
    }

    private static CoreShowChannelEvent listed(String channel, String bridgeId) {
        return new CoreShowChannelEvent(channel, "1795701999.1", "1795701998.7",
                bridgeId.isEmpty() ? Optional.empty() : Optional.of(bridgeId), AmiHeaders.of());
    }

    private static AmiLinkChange change(AmiLinkChange.Kind kind) {
        return new AmiLinkChange(kind, "test", Optional.empty());
    }

    private void agentInConversation() {
        watcher.onEvent(dialBegin(CALLER, AGENT_LEG));
        watcher.onEvent(new BridgeEnterEvent("b-1", AGENT_LEG, "1795701999.1", AmiHeaders.of()));
        awaitAgent(AgentState.ON_CALL);
    }

    @Test
    void onLinkChange_reconnectedAndAgentLegGone_callEndedAgentWrapsUp() {
        agentInConversation();
        watcher.onLinkChange(change(AmiLinkChange.Kind.LOST));
        watcher.onLinkChange(change(AmiLinkChange.Kind.RECONNECTED));

        assertThat(listActions).containsExactly(new CoreShowChannelsAction());
        channelList.complete(List.of(listed(CALLER, "b-1"), listed("PJSIP/agent1010-0000002b", "")));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(desk.center().agent("agent101").join().state())
                        .isIn(AgentState.WRAP_UP, AgentState.AVAILABLE));
        assertThatThrownBy(() -> desk.center().status("1795701998.7").join())
                .hasCauseInstanceOf(ContactCenterException.UnknownContact.class);
        // agent1010's leg, unknown until now, is followed from here on
        assertThat(watcher.legsUp()).containsExactly("PJSIP/agent1010-0000002b");
    }

    @Test
    void onLinkChange_asteriskRestartedWithNoChannels_callEnded() {
        agentInConversation();
        watcher.onLinkChange(change(AmiLinkChange.Kind.ASTERISK_RESTARTED));

        channelList.complete(List.of());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(desk.center().agent("agent101").join().state())
                        .isIn(AgentState.WRAP_UP, AgentState.AVAILABLE));
    }

    @Test
    void onLinkChange_reconnectedAndAgentLegStillThere_callGoesOn() {
        agentInConversation();
        watcher.onLinkChange(change(AmiLinkChange.Kind.RECONNECTED));

        channelList.complete(List.of(listed(CALLER, "b-1"), listed(AGENT_LEG, "b-1")));

        settled();
        assertThat(desk.center().agent("agent101").join().state()).isEqualTo(AgentState.ON_CALL);
        assertThat(watcher.legsUp()).containsExactly(AGENT_LEG);
    }

    @Test
    void onLinkChange_agentAnsweredWhileLinkWasDown_connectedFromTheList() {
        watcher.onEvent(dialBegin(CALLER, AGENT_LEG));
        watcher.onLinkChange(change(AmiLinkChange.Kind.RECONNECTED)); // BridgeEnter was missed

        channelList.complete(List.of(listed(CALLER, "b-1"), listed(AGENT_LEG, "b-1")));

        awaitAgent(AgentState.ON_CALL);
    }

    @Test
    void onLinkChange_agentDialledAndAnsweredWhileLinkWasDown_takenUpThroughTheCallersLinkedid() {
        watcher.onLinkChange(change(AmiLinkChange.Kind.RECONNECTED)); // DialBegin and BridgeEnter were missed

        channelList.complete(List.of(listed("Local/s@hold-00000001;2", ""), listed(CALLER, "b-1"),
                listed(AGENT_LEG, "b-1")));

        awaitAgent(AgentState.ON_CALL);
        assertThat(watcher.legsUp()).containsExactly(AGENT_LEG);
    }

    @Test
    void onLinkChange_legDialledAfterTheRequest_notJudgedByThatList() {
        watcher.onLinkChange(change(AmiLinkChange.Kind.RECONNECTED));
        agentInConversation(); // the list was built before this leg existed

        channelList.complete(List.of());

        settled();
        assertThat(desk.center().agent("agent101").join().state()).isEqualTo(AgentState.ON_CALL);
        assertThat(watcher.legsUp()).containsExactly(AGENT_LEG);
    }

    @Test
    void onLinkChange_listFails_nothingEnded() {
        agentInConversation();
        watcher.onLinkChange(change(AmiLinkChange.Kind.RECONNECTED));

        channelList.completeExceptionally(new AmiConnectionException("lost again"));

        settled();
        assertThat(desk.center().agent("agent101").join().state()).isEqualTo(AgentState.ON_CALL);
        assertThat(watcher.legsUp()).containsExactly(AGENT_LEG);
    }

    @Test
    void onEvent_hangupSeen_legNoLongerFollowed() {
        agentInConversation();
        watcher.onEvent(new HangupEvent(AGENT_LEG, "1795701999.1", "1795701998.7", 16, "Normal Clearing",
                AmiHeaders.of()));

        assertThat(watcher.legsUp()).isEmpty();
    }
}
