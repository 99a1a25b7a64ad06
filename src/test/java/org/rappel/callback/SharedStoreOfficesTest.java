package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AmiSimulatorHooks;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.ChannelOrigin;
import org.rappel.store.NodeId;
import org.rappel.store.PostgresTestDatabase;
import org.rappel.store.TestClock;

/**
 * Two Rappel nodes sharing callbacks through one PostgreSQL database, each with its own agents and AMI link: a
 * callback asked on one node is in both nodes' lines, both reserve an agent for it, and exactly one dials it.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "no PostgreSQL given: set RAPPEL_TEST_PG_URL (and RAPPEL_TEST_PG_USER, "
                + "RAPPEL_TEST_PG_PASSWORD) to run the multi-node callback tests")
class SharedStoreOfficesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final List<AmiSimulatorHooks.AnsweredCall> answered = new CopyOnWriteArrayList<>();
    private CallbackStore storeA;
    private CallbackStore storeB;
    private AmiSimulator sim;
    private OfficeNode a;
    private OfficeNode b;

    @BeforeEach
    void start() {
        PostgresTestDatabase.empty();
        storeA = CallbackStores.openPostgres(PostgresTestDatabase.settings(), clock, new SimpleMeterRegistry());
        storeB = CallbackStores.openPostgres(PostgresTestDatabase.settings(), clock, new SimpleMeterRegistry());
        sim = AmiSimulator.start(AmiSimulator.Options.defaults()
                .withCredentials(OfficeNode.AMI_USER, OfficeNode.AMI_SECRET)
                .withPolicy(AnswerPolicies.answerAfter(Duration.ofMillis(20), Duration.ofSeconds(60))));
        sim.setHooks(new AmiSimulatorHooks() {
            @Override
            public void answered(AnsweredCall call) {
                answered.add(call);
            }
        });
        ServiceCallbacks service = ServiceCallbacks.defaults(OfficeNode.SERVICE, alwaysOpen());
        a = new OfficeNode(new NodeId("node-a"), storeA, sim, clock, service, alwaysOpen(), CallbackNotifier.none());
        b = new OfficeNode(new NodeId("node-b"), storeB, sim, clock, service, alwaysOpen(), CallbackNotifier.none());
        a.office.start().join();
        b.office.start().join();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (sim != null) {
            sim.close();
        }
        if (storeA != null) {
            storeA.close();
        }
        if (storeB != null) {
            storeB.close();
        }
    }

    private static CallingHours alwaysOpen() {
        Map<DayOfWeek, CallingHours.Window> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, new CallingHours.Window(LocalTime.MIDNIGHT, LocalTime.MAX));
        }
        return new CallingHours(PARIS, all);
    }

    private UUID requestOnA(String number) {
        CallbackReply reply = a.office.request(new CallbackAsk(OfficeNode.SERVICE, number, number, Optional.empty(),
                0, "fr", Map.of(), ChannelOrigin.WEB, Optional.empty(), Optional.empty()))
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(reply).isInstanceOf(CallbackReply.Confirmed.class);
        return ((CallbackReply.Confirmed) reply).callback().id();
    }

    @Test
    void bothNodesHoldTheCallbackInLine_andOnlyOneDialsIt() {
        UUID id = requestOnA("+33612345678");
        b.office.rescan().join();
        assertThat(a.waiting()).hasSize(1);
        assertThat(b.waiting()).hasSize(1);

        b.desk.center().login("agent101").join();
        a.desk.center().login("agent101").join();

        await().until(() -> storeA.find(id).orElseThrow().state() == CallbackState.DONE);
        await().until(() -> a.waiting().isEmpty() && b.waiting().isEmpty());
        assertThat(sim.originates()).isEqualTo(1);
        assertThat(answered).singleElement().satisfies(call ->
                assertThat(call.variables()).containsEntry(CallbackDialer.ID_VARIABLE, id.toString()));
    }

    @Test
    void cancelledOnOneNode_leavesTheOtherNodesLineAtItsNextRescan() {
        UUID id = requestOnA("+33612345678");
        b.office.rescan().join();
        assertThat(b.waiting()).hasSize(1);

        a.office.cancel(id).join();
        clock.advance(Duration.ofSeconds(1));
        b.office.rescan().join();

        await().until(() -> b.waiting().isEmpty());
        b.desk.center().login("agent101").join();
        assertThat(sim.originates()).isZero();
    }
}
