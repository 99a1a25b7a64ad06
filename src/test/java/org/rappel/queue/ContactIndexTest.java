package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContactIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private final ContactIndex index = new ContactIndex();

    private static QueuedContact node(String id, long sequence) {
        return new QueuedContact(new Contact(id, ContactKind.LIVE_CALL, "tax", 0, T0, Map.of()), sequence, T0);
    }

    /** Ids from a small pool, so that ids come back after leaving; "Aa" and "BB" share a String hash code. */
    private static String id(SplittableRandom random, int pool) {
        int n = random.nextInt(pool);
        String tail = switch (random.nextInt(3)) {
            case 0 -> "Aa";
            case 1 -> "BB";
            default -> "";
        };
        return "c" + n + tail;
    }

    @Test
    void randomAddsAndRemoves_agreeWithHashMap() {
        SplittableRandom random = new SplittableRandom(20261126L);
        Map<String, QueuedContact> reference = new HashMap<>();
        List<QueuedContact> present = new ArrayList<>();
        long sequence = 0;
        for (int step = 0; step < 200_000; step++) {
            // The pool and the bias move over time: the index grows, empties and refills.
            int pool = step < 100_000 ? 3_000 : 300;
            boolean adding = step % 50_000 < 35_000 ? random.nextInt(3) > 0 : random.nextInt(3) == 0;
            if (adding) {
                String id = id(random, pool);
                if (reference.containsKey(id)) {
                    assertThat(index.get(new String(id))).isSameAs(reference.get(id));
                    continue;
                }
                assertThat(index.get(id)).isNull();
                QueuedContact node = node(id, sequence++);
                index.add(node);
                reference.put(id, node);
                present.add(node);
            } else if (!present.isEmpty()) {
                int k = random.nextInt(present.size());
                QueuedContact node = present.get(k);
                present.set(k, present.get(present.size() - 1));
                present.remove(present.size() - 1);
                assertThat(index.remove(node)).isTrue();
                reference.remove(node.contact.id());
                assertThat(index.remove(node)).isFalse();
                assertThat(index.get(node.contact.id())).isNull();
            }
            assertThat(index.size()).isEqualTo(reference.size());
            if (step % 997 == 0) {
                index.checkInvariants();
                String probe = id(random, pool);
                assertThat(index.get(new String(probe))).isSameAs(reference.get(probe));
            }
        }
        index.checkInvariants();
        for (Map.Entry<String, QueuedContact> e : reference.entrySet()) {
            assertThat(index.get(new String(e.getKey()))).isSameAs(e.getValue());
        }
    }

    @Test
    void remove_nodeWithSameIdButNotIndexed_false() {
        QueuedContact indexed = node("a", 0);
        index.add(indexed);
        assertThat(index.remove(node("a", 1))).isFalse();
        assertThat(index.get("a")).isSameAs(indexed);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void get_sameHashCodeDifferentId_keepsThemApart() {
        QueuedContact aa = node("Aa", 0);
        QueuedContact bb = node("BB", 1);
        index.add(aa);
        index.add(bb);
        assertThat(index.get("Aa")).isSameAs(aa);
        assertThat(index.get("BB")).isSameAs(bb);
        index.remove(aa);
        assertThat(index.get("Aa")).isNull();
        assertThat(index.get("BB")).isSameAs(bb);
        index.checkInvariants();
    }
}
