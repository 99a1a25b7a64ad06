package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceQueuesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private final ServiceQueues queues = new ServiceQueues(List.of(
            ServiceConfig.of("tax"), ServiceConfig.of("housing"), new ServiceConfig("urgent", 3.0)));

    private static Contact call(String id, String service, int priorityClass, long arrivalSecond) {
        return new Contact(id, ContactKind.LIVE_CALL, service, priorityClass, T0.plusSeconds(arrivalSecond), Map.of());
    }

    private List<String> ids(String service) {
        return queues.waitingIn(service).stream().map(n -> n.contact.id()).toList();
    }

    @Test
    void enqueue_callbackWithCallersArrival_takesCallersPlace() {
        queues.enqueue(call("a", "tax", 0, 10), T0);
        queues.enqueue(call("b", "tax", 0, 20), T0);
        queues.enqueue(new Contact("cb", ContactKind.CALLBACK, "tax", 0, T0.plusSeconds(15), Map.of("lang", "fr")), T0);
        assertThat(ids("tax")).containsExactly("a", "cb", "b");
        assertThat(queues.position("cb")).isEqualTo(2);
    }

    @Test
    void enqueue_unknownService_nothingChanged() {
        queues.enqueue(call("a", "tax", 0, 10), T0);
        assertThatThrownBy(() -> queues.enqueue(call("x", "parking", 0, 1), T0))
                .isInstanceOf(ContactCenterException.UnknownService.class).hasMessageContaining("parking");
        assertThat(queues.totalWaiting()).isEqualTo(1);
        assertThat(queues.find("x")).isEmpty();
        queues.checkInvariants();
    }

    @Test
    void enqueue_duplicateId_nothingChanged() {
        queues.enqueue(call("a", "tax", 0, 10), T0);
        assertThatThrownBy(() -> queues.enqueue(call("a", "housing", 0, 1), T0))
                .isInstanceOf(ContactCenterException.DuplicateContact.class);
        assertThat(queues.size("housing")).isZero();
        assertThat(queues.find("a").orElseThrow().contact.service()).isEqualTo("tax");
    }

    @Test
    void remove_unknownContact_nothingChanged() {
        queues.enqueue(call("a", "tax", 0, 10), T0);
        assertThatThrownBy(() -> queues.remove("zz")).isInstanceOf(ContactCenterException.UnknownContact.class);
        assertThat(queues.size("tax")).isEqualTo(1);
    }

    @Test
    void remove_middleContact_positionsBehindMoveUp() {
        for (int i = 0; i < 5; i++) {
            queues.enqueue(call("c" + i, "tax", 0, i), T0);
        }
        queues.remove("c1");
        assertThat(queues.position("c4")).isEqualTo(4);
        assertThat(queues.position("c0")).isEqualTo(1);
        assertThatThrownBy(() -> queues.position("c1")).isInstanceOf(ContactCenterException.UnknownContact.class);
    }

    @Test
    void move_keepsVirtualArrival() {
        queues.enqueue(call("h1", "housing", 0, 5), T0);
        queues.enqueue(call("h2", "housing", 0, 30), T0);
        queues.enqueue(call("t1", "tax", 0, 20), T0);
        queues.move("t1", "housing");
        assertThat(ids("housing")).containsExactly("h1", "t1", "h2");
        assertThat(queues.size("tax")).isZero();
        queues.checkInvariants();
    }

    @Test
    void move_unknownService_nothingChanged() {
        queues.enqueue(call("t1", "tax", 0, 20), T0);
        assertThatThrownBy(() -> queues.move("t1", "parking")).isInstanceOf(ContactCenterException.UnknownService.class);
        assertThat(queues.position("t1")).isEqualTo(1);
        assertThat(queues.find("t1").orElseThrow().contact.service()).isEqualTo("tax");
        queues.checkInvariants();
    }

    @Test
    void changePriority_higherClass_goesAhead() {
        queues.enqueue(call("a", "tax", 0, 10), T0);
        queues.enqueue(call("b", "tax", 0, 20), T0);
        queues.changePriority("b", 1);
        assertThat(ids("tax")).containsExactly("b", "a");
        queues.changePriority("b", 0);
        assertThat(ids("tax")).containsExactly("a", "b");
    }

    @Test
    void putBack_afterPop_samePlace() {
        queues.enqueue(call("a", "tax", 0, 10), T0);
        queues.enqueue(call("b", "tax", 0, 10), T0);
        QueuedContact a = queues.popFor(Map.of("tax", 1), T0.plusSeconds(60)).orElseThrow();
        queues.enqueue(call("c", "tax", 0, 5), T0); // arrived (virtually) earlier: ahead of a
        queues.putBack(a);
        assertThat(ids("tax")).containsExactly("c", "a", "b");
    }

    @Test
    void peekFor_higherPriorityClassWinsAcrossServices() {
        queues.enqueue(call("old", "tax", 0, 0), T0);
        queues.enqueue(call("vip", "housing", 2, 50), T0);
        assertThat(queues.peekFor(Map.of("tax", 1, "housing", 1), T0.plusSeconds(60)).orElseThrow().contact.id())
                .isEqualTo("vip");
    }

    @Test
    void peekFor_equalWeights_earliestArrivalWins() {
        queues.enqueue(call("t", "tax", 0, 20), T0);
        queues.enqueue(call("h", "housing", 0, 10), T0);
        assertThat(queues.peekFor(Map.of("tax", 9, "housing", 1), T0.plusSeconds(60)).orElseThrow().contact.id())
                .isEqualTo("h");
    }

    @Test
    void peekFor_weightMultipliesWait() {
        queues.enqueue(call("t", "tax", 0, 0), T0);      // waited 60 s x 1 = 60
        queues.enqueue(call("u", "urgent", 0, 30), T0);  // waited 30 s x 3 = 90
        Map<String, Integer> skills = Map.of("tax", 1, "urgent", 1);
        assertThat(queues.peekFor(skills, T0.plusSeconds(60)).orElseThrow().contact.id()).isEqualTo("u");
        // at 40 s: tax waited 40, urgent 10 x 3 = 30: tax first
        assertThat(queues.peekFor(skills, T0.plusSeconds(40)).orElseThrow().contact.id()).isEqualTo("t");
    }

    @Test
    void peekFor_equalWeightedWait_higherSkillLevelWins() {
        queues.enqueue(call("t", "tax", 0, 10), T0);
        queues.enqueue(call("h", "housing", 0, 10), T0);
        Instant now = T0.plusSeconds(60);
        assertThat(queues.peekFor(Map.of("tax", 1, "housing", 5), now).orElseThrow().contact.id()).isEqualTo("h");
        assertThat(queues.peekFor(Map.of("tax", 5, "housing", 1), now).orElseThrow().contact.id()).isEqualTo("t");
    }

    @Test
    void peekFor_allTied_enqueuedFirstWins() {
        queues.enqueue(call("h", "housing", 0, 10), T0);
        queues.enqueue(call("t", "tax", 0, 10), T0);
        assertThat(queues.peekFor(Map.of("tax", 1, "housing", 1), T0).orElseThrow().contact.id()).isEqualTo("h");
    }

    @Test
    void peekFor_noContactInSkills_empty() {
        queues.enqueue(call("h", "housing", 0, 10), T0);
        assertThat(queues.peekFor(Map.of("tax", 1), T0)).isEmpty();
        assertThat(queues.size("housing")).isEqualTo(1);
    }

    @Test
    void constructor_serviceTwice_refused() {
        assertThatThrownBy(() -> new ServiceQueues(List.of(ServiceConfig.of("tax"), ServiceConfig.of("tax"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tax");
    }
}
