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

    /**
     * The workload the line is built for, against a sorted list: arrivals mostly "now" (appended), some callbacks
     * keeping an earlier place and contacts put back (the treap), head pops, hang-ups anywhere (holes), priority
     * changes, more classes than spare bands, and sizes that grow and drain so that every rebuild path runs.
     */
    @Test
    void operations_realisticMixAgainstSortedList() {
        SplittableRandom random = new SplittableRandom(4242L);
        WaitingLine line = new WaitingLine();
        List<QueuedContact> reference = new ArrayList<>();
        List<QueuedContact> outside = new ArrayList<>();
        long now = 1_000;
        for (int step = 0; step < 20_000; step++) {
            // phases: grow, steady, drain to empty (the band arrays restart), with many or few priority classes
            int phase = step / 2_500 % 4;
            int classes = step < 10_000 ? 2 : 9;
            int op = random.nextInt(100);
            int growth = phase == 0 ? 60 : phase == 3 ? 20 : 40;
            if (op < growth || reference.isEmpty()) {
                now += random.nextInt(3); // equal arrivals happen: the sequence breaks the tie
                long arrival = random.nextInt(5) == 0 ? now - random.nextInt(200) : now;
                QueuedContact c = contact(random.nextInt(10) == 0 ? random.nextInt(classes) : 0, arrival);
                line.insert(c);
                reference.add(c);
            } else if (op < growth + 15) {
                QueuedContact c = reference.remove(random.nextInt(reference.size()));
                assertThat(line.remove(c)).isTrue();
                outside.add(c);
            } else if (op < growth + 20 && !outside.isEmpty()) {
                QueuedContact c = outside.remove(random.nextInt(outside.size()));
                if (random.nextBoolean()) {
                    c.setContact(c.contact.withPriorityClass(random.nextInt(classes)));
                }
                line.insert(c);
                reference.add(c);
            } else {
                reference.sort(QueuedContact.SERVICE_ORDER);
                QueuedContact head = line.first();
                assertThat(head).isSameAs(reference.get(0));
                line.remove(head);
                reference.remove(0);
                if (random.nextInt(4) == 0) {
                    outside.add(head);
                }
            }
            reference.sort(QueuedContact.SERVICE_ORDER);
            assertThat(line.size()).isEqualTo(reference.size());
            if (!reference.isEmpty()) {
                assertThat(line.first()).isSameAs(reference.get(0));
                for (int probe = 0; probe < 3; probe++) {
                    int i = random.nextInt(reference.size());
                    assertThat(line.position(reference.get(i))).as("position at step %d", step).isEqualTo(i + 1);
                }
            }
            if (step % 100 == 0) {
                line.checkInvariants();
                assertThat(line.toList()).containsExactlyElementsOf(reference);
            }
        }
        line.checkInvariants();
        assertThat(line.toList()).containsExactlyElementsOf(reference);
    }

    @Test
    void insert_increasingArrivals_neverUsesTheTreap() {
        WaitingLine line = new WaitingLine();
        for (int i = 0; i < 100_000; i++) {
            line.insert(contact(0, i));
        }
        assertThat(line.checkInvariants()).isZero();
        assertThat(line.size()).isEqualTo(100_000);
    }

    @Test
    void insert_earlierPlace_takesItAmongLaterArrivals() {
        WaitingLine line = new WaitingLine();
        List<QueuedContact> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            live.add(contact(0, 10 * i));
            line.insert(live.get(i));
        }
        QueuedContact callback = contact(0, 35);
        QueuedContact beforeAll = contact(0, -5);
        line.insert(callback);
        line.insert(beforeAll);

        assertThat(line.position(callback)).isEqualTo(6);
        assertThat(line.position(live.get(4))).isEqualTo(7);
        assertThat(line.first()).isSameAs(beforeAll);
        assertThat(line.remove(beforeAll)).isTrue();
        assertThat(line.first()).isSameAs(live.get(0));
        assertThat(line.position(live.get(9))).isEqualTo(11);
        line.checkInvariants();
    }

    @Test
    void position_manyHolesBehindTheHead() {
        WaitingLine line = new WaitingLine();
        List<QueuedContact> all = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            all.add(contact(0, i));
            line.insert(all.get(i));
        }
        for (int i = 1; i < 1_000; i += 2) {
            line.remove(all.get(i));
        }
        line.remove(all.get(0));
        // left: 2, 4, ..., 998; holes at every odd slot and at the head
        assertThat(line.first()).isSameAs(all.get(2));
        for (int i = 2; i < 1_000; i += 2) {
            assertThat(line.position(all.get(i))).isEqualTo(i / 2);
        }
        assertThat(line.position(all.get(1))).isZero();
        line.checkInvariants();
    }

    @Test
    void insert_sameContactBackInItsOwnHole_samePlace() {
        WaitingLine line = new WaitingLine();
        List<QueuedContact> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(contact(0, i));
            line.insert(all.get(i));
        }
        QueuedContact offered = all.get(7);
        line.remove(offered);
        line.insert(offered); // a failed offer: same key as the hole it left
        assertThat(line.position(offered)).isEqualTo(8);
        assertThat(line.position(all.get(8))).isEqualTo(9);
        assertThat(line.toList()).containsExactlyElementsOf(all);
        line.checkInvariants();
    }

    @Test
    void insert_afterLineDrained_orderAndPositionsRight() {
        WaitingLine line = new WaitingLine();
        for (int round = 0; round < 50; round++) {
            QueuedContact a = contact(0, round * 10L);
            QueuedContact b = contact(0, round * 10L + 1);
            line.insert(b);
            line.insert(a); // before the tail: the treap
            assertThat(line.first()).isSameAs(a);
            assertThat(line.position(b)).isEqualTo(2);
            line.remove(line.first());
            line.remove(line.first());
            assertThat(line.isEmpty()).isTrue();
            line.checkInvariants();
        }
    }

    /** The array is full and drained but for a hole while the treap holds a later contact: a rebuild comes first. */
    @Test
    void insert_fullDrainedArrayAndLaterTreapContact_orderKept() {
        WaitingLine line = new WaitingLine();
        List<QueuedContact> arrived = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            arrived.add(contact(0, 100 + i));
            line.insert(arrived.get(i));
        }
        QueuedContact callback = contact(0, 50);
        line.insert(callback);
        arrived.add(contact(0, 200));
        line.insert(arrived.get(15)); // the array's 16 slots (its first capacity) are now all used
        line.remove(arrived.get(5)); // a hole behind the head
        for (QueuedContact c : arrived) {
            line.remove(c);
        }
        QueuedContact earliest = contact(0, 10);
        line.insert(earliest);
        assertThat(line.toList()).containsExactly(earliest, callback);
        assertThat(line.position(callback)).isEqualTo(2);
        line.checkInvariants();
    }

    @Test
    void changePriority_movesWholeClassAhead() {
        WaitingLine line = new WaitingLine();
        QueuedContact first = contact(0, 1);
        QueuedContact second = contact(0, 2);
        QueuedContact third = contact(0, 3);
        for (QueuedContact c : List.of(first, second, third)) {
            line.insert(c);
        }
        line.remove(third);
        third.setContact(third.contact.withPriorityClass(2));
        line.insert(third);
        assertThat(line.toList()).containsExactly(third, first, second);
        assertThat(line.position(second)).isEqualTo(3);
        line.remove(third);
        third.setContact(third.contact.withPriorityClass(0));
        line.insert(third);
        assertThat(line.toList()).containsExactly(first, second, third);
        line.checkInvariants();
    }

    @Test
    void remove_manyPriorityClassesEmptied_fewBandsKept() {
        WaitingLine line = new WaitingLine();
        List<QueuedContact> all = new ArrayList<>();
        for (int priorityClass = 0; priorityClass < 30; priorityClass++) {
            all.add(contact(priorityClass, 0));
            line.insert(all.get(priorityClass));
        }
        assertThat(line.position(all.get(0))).isEqualTo(30);
        for (QueuedContact c : all) {
            line.remove(c);
        }
        line.checkInvariants(); // fails if more than the spare bands stay
        line.insert(all.get(3));
        assertThat(line.first()).isSameAs(all.get(3));
        line.checkInvariants();
    }

    @Test
    void treapInsert_increasingKeys_treeStaysShallow() {
        ContactTreap treap = new ContactTreap();
        for (int i = 0; i < 100_000; i++) {
            treap.insert(contact(0, i));
        }
        // a plain unbalanced tree would be 100,000 deep; a treap stays near 2.5 log2(n) ~ 42
        assertThat(treap.checkInvariants(n -> { })).isLessThan(80);
        assertThat(treap.size()).isEqualTo(100_000);
    }
}
