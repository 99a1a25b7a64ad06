package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WaitingLineTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private long nextSequence;

    private QueuedContact contact(int priorityClass, long arrivalSecond) {
        long seq = nextSequence++;
        Contact c = new Contact("c" + seq, ContactKind.LIVE_CALL, "tax", priorityClass, T0.plusSeconds(arrivalSecond), Map.of());
        return new QueuedContact(c, seq, T0);
    }

    @Test
    void first_emptyLine() {
        WaitingLine line = new WaitingLine();
        assertThat(line.first()).isNull();
        assertThat(line.size()).isZero();
        assertThat(line.isEmpty()).isTrue();
    }

    @Test
    void first_priorityThenArrivalThenSequence() {
        WaitingLine line = new WaitingLine();
        QueuedContact late = contact(0, 30);
        QueuedContact early = contact(0, 10);
        QueuedContact urgentLate = contact(5, 50);
        QueuedContact earlyTwin = contact(0, 10);
        for (QueuedContact c : List.of(late, early, urgentLate, earlyTwin)) {
            line.insert(c);
        }
        assertThat(line.toList()).containsExactly(urgentLate, early, earlyTwin, late);
        assertThat(line.first()).isSameAs(urgentLate);
        assertThat(line.position(early)).isEqualTo(2);
        assertThat(line.position(earlyTwin)).isEqualTo(3);
        assertThat(line.position(late)).isEqualTo(4);
    }

    @Test
    void remove_nodeOfAnotherLine_nothingChanged() {
        WaitingLine tax = new WaitingLine();
        WaitingLine housing = new WaitingLine();
        QueuedContact a = contact(0, 1);
        QueuedContact b = contact(0, 2);
        tax.insert(a);
        housing.insert(b);
        assertThat(tax.remove(b)).isFalse();
        assertThat(tax.size()).isEqualTo(1);
        assertThat(housing.position(b)).isEqualTo(1);
        assertThat(tax.position(b)).isZero();
    }

    @Test
    void insert_nodeAlreadyInALine_refused() {
        WaitingLine line = new WaitingLine();
        QueuedContact a = contact(0, 1);
        line.insert(a);
        assertThatThrownBy(() -> line.insert(a)).isInstanceOf(IllegalStateException.class);
        assertThat(line.size()).isEqualTo(1);
    }

    /** Random inserts, removals and re-inserts checked against a sorted list, after every step. */
    @Test
    void operations_randomAgainstSortedList() {
        SplittableRandom random = new SplittableRandom(20261126L);
        WaitingLine line = new WaitingLine();
        List<QueuedContact> reference = new ArrayList<>();
        List<QueuedContact> outside = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 5 || reference.isEmpty()) {
                // few priority classes and arrivals, so that ties are common
                QueuedContact c = contact(random.nextInt(3), random.nextInt(50));
                line.insert(c);
                reference.add(c);
            } else if (op < 7) {
                QueuedContact c = reference.remove(random.nextInt(reference.size()));
                assertThat(line.remove(c)).isTrue();
                outside.add(c);
            } else if (op < 8 && !outside.isEmpty()) {
                QueuedContact c = outside.remove(random.nextInt(outside.size()));
                c.setContact(c.contact.withPriorityClass(random.nextInt(3)));
                line.insert(c);
                reference.add(c);
            } else {
                QueuedContact head = line.first();
                reference.sort(QueuedContact.SERVICE_ORDER);
                assertThat(head).isSameAs(reference.get(0));
                line.remove(head);
                reference.remove(0);
                outside.add(head);
            }
            reference.sort(QueuedContact.SERVICE_ORDER);
            assertThat(line.size()).isEqualTo(reference.size());
            if (!reference.isEmpty()) {
                int probe = random.nextInt(reference.size());
                assertThat(line.position(reference.get(probe))).isEqualTo(probe + 1);
                assertThat(line.first()).isSameAs(reference.get(0));
            }
            if (step % 500 == 0) {
                line.checkInvariants();
                assertThat(line.toList()).containsExactlyElementsOf(reference);
                for (QueuedContact c : outside) {
                    assertThat(line.position(c)).isZero();
                }
            }
        }
        line.checkInvariants();
        assertThat(line.toList()).containsExactlyElementsOf(reference);
    }

    @Test
    void insert_increasingArrivals_treeStaysShallow() {
        WaitingLine line = new WaitingLine();
        for (int i = 0; i < 100_000; i++) {
            line.insert(contact(0, i));
        }
        // a plain unbalanced tree would be 100,000 deep; a treap stays near 2.5 log2(n) ~ 42
        assertThat(line.checkInvariants()).isLessThan(80);
        assertThat(line.size()).isEqualTo(100_000);
    }
}
