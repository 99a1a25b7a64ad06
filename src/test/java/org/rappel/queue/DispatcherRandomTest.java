package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random commands, right and wrong, from a fixed seed: after each one the dispatcher's invariants hold, a refused
 * command changed nothing, and every contact enqueued and not yet gone is still found (nothing lost).
 */
class DispatcherRandomTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final List<String> SERVICES = List.of("tax", "housing", "health", "nowhere");
    private static final List<String> AGENTS = List.of("a1", "a2", "a3", "a4", "a5", "a6", "ghost");

    @Test
    void commands_randomMix_invariantsHoldAndNothingLost() {
        SplittableRandom random = new SplittableRandom(42);
        ManualTime time = new ManualTime(T0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Dispatcher dispatcher = new Dispatcher(
                List.of(ServiceConfig.of("tax"), new ServiceConfig("housing", 2.0), ServiceConfig.of("health")),
                List.of(new AgentConfig("a1", "PJSIP/a1", Map.of("tax", 1), Duration.ofSeconds(20)),
                        new AgentConfig("a2", "PJSIP/a2", Map.of("tax", 3, "housing", 1), Duration.ofSeconds(5)),
                        new AgentConfig("a3", "PJSIP/a3", Map.of("housing", 2, "health", 2), Duration.ZERO),
                        new AgentConfig("a4", "PJSIP/a4", Map.of("health", 1), Duration.ofSeconds(10)),
                        new AgentConfig("a5", "PJSIP/a5", Map.of("tax", 1, "housing", 1, "health", 1), Duration.ofSeconds(3)),
                        new AgentConfig("a6", "PJSIP/a6", Map.of("tax", 2), Duration.ofSeconds(1))),
                time, time, registry, a -> { });
        Set<String> present = new HashSet<>();
        int refused = 0;
        for (int step = 0; step < 10_000; step++) {
            String contactId = "c" + random.nextInt(60);
            String agentId = AGENTS.get(random.nextInt(AGENTS.size()));
            String service = SERVICES.get(random.nextInt(SERVICES.size()));
            QueueSnapshot before = dispatcher.snapshot();
            try {
                switch (random.nextInt(14)) {
                    case 0, 1 -> {
                        dispatcher.enqueue(new Contact(contactId, random.nextBoolean() ? ContactKind.LIVE_CALL : ContactKind.CALLBACK,
                                service, random.nextInt(3), time.instant().minusSeconds(random.nextInt(120)), Map.of()));
                        present.add(contactId);
                    }
                    case 2 -> {
                        dispatcher.remove(contactId, RemovalReason.ABANDONED);
                        present.remove(contactId);
                    }
                    case 3 -> dispatcher.move(contactId, service);
                    case 4 -> dispatcher.changePriority(contactId, random.nextInt(3));
                    case 5 -> dispatcher.login(agentId);
                    case 6 -> dispatcher.logout(agentId);
                    case 7 -> dispatcher.pause(agentId, "break");
                    case 8 -> dispatcher.unpause(agentId);
                    case 9 -> dispatcher.connected(contactId);
                    case 10 -> dispatcher.offerFailed(contactId, OfferOutcome.NO_ANSWER);
                    case 11 -> {
                        dispatcher.callEnded(contactId);
                        present.remove(contactId);
                    }
                    case 12 -> dispatcher.nextContactFor(agentId);
                    default -> time.advance(Duration.ofSeconds(random.nextInt(15)));
                }
            } catch (ContactCenterException e) {
                refused++;
                assertThat(dispatcher.snapshot()).isEqualTo(before);
            }
            dispatcher.checkInvariants();
            if (step % 100 == 0) {
                assertGaugesMatch(dispatcher.snapshot(), registry);
                for (int i = 0; i < 60; i++) {
                    String id = "c" + i;
                    if (present.contains(id)) {
                        assertThat(dispatcher.status(id).contact().id()).isEqualTo(id);
                    } else {
                        assertThatThrownBy(() -> dispatcher.status(id)).isInstanceOf(ContactCenterException.UnknownContact.class);
                    }
                }
            }
        }
        assertGaugesMatch(dispatcher.snapshot(), registry);
        // the mix exercised both sides
        assertThat(refused).isBetween(500, 9_500);
    }

    private static void assertGaugesMatch(QueueSnapshot snapshot, SimpleMeterRegistry registry) {
        for (ServiceView service : snapshot.services()) {
            assertThat(registry.get("rappel.queue.contacts.waiting").tag("service", service.config().name()).gauge().value())
                    .isEqualTo(service.waiting().size());
        }
        for (AgentState state : AgentState.values()) {
            long inState = snapshot.agents().stream().filter(a -> a.state() == state).count();
            assertThat(registry.get("rappel.agents").tag("state", state.name().toLowerCase()).gauge().value())
                    .as("agents %s", state).isEqualTo(inState);
        }
    }
}
