package org.rappel.queue;

/**
 * The waiting contacts by id: an open-addressing hash table with linear probing, for {@link ServiceQueues}.
 *
 * <p>Why not {@code HashMap}: at 100,000 waiting contacts its lookups were half of an enqueue-and-pop, each entry
 * an object of its own (allocated per enqueue, promoted, then garbage) reached through the table. Here an entry is
 * two neighbouring slots of one array (id, node) and its spread hash sits in a parallel {@code int} array, so a
 * probe reads hashes only, and a hit one entry slot. A node carries its id's hash ({@link QueuedContact#idHash}),
 * so taking a node out never touches its id string. Removal shifts the following entries of the run back
 * (no tombstones), so lookups never slow down with churn; the table only grows (at half full), so a steady
 * number of waiting contacts means no resize.
 *
 * <p>Invariants: {@code hashes[i] == 0} exactly when slot i is empty (spread hashes are never 0); an entry's slot
 * is reached from its home slot ({@code hash >>> shift}) without crossing an empty slot; {@code size} counts the
 * entries and is at most half the capacity.
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class ContactIndex {

    private static final int MIN_BITS = 4;

    private int[] hashes;
    /** Slot i's id at {@code 2i}, its node at {@code 2i + 1}: one cache line for both. */
    private Object[] entries;
    private int shift;
    private int size;

    ContactIndex() {
        allocate(MIN_BITS);
    }

    /** The spread, never-zero hash of a contact id, as kept in {@link QueuedContact#idHash}. */
    static int hash(String id) {
        int h = id.hashCode() * 0x9E3779B9; // Fibonacci hashing: the top bits pick the slot, and they mix all bits
        return h == 0 ? 1 : h;
    }

    int size() {
        return size;
    }

    /** The node of a waiting contact, or null. */
    QueuedContact get(String id) {
        int h = hash(id);
        int mask = hashes.length - 1;
        for (int i = h >>> shift; ; i = (i + 1) & mask) {
            int stored = hashes[i];
            if (stored == 0) {
                return null;
            }
            if (stored == h) {
                Object key = entries[2 * i];
                if (key == id || key.equals(id)) {
                    return (QueuedContact) entries[2 * i + 1];
                }
            }
        }
    }

    /** Adds a node whose id is not in the index (precondition, checked by the caller). */
    void add(QueuedContact node) {
        if (2 * (size + 1) > hashes.length) {
            grow();
        }
        place(node.idHash, node.contact.id(), node);
        size++;
    }

    /** Removes a node of the index, found by identity; false if it is not there. */
    boolean remove(QueuedContact node) {
        int h = node.idHash;
        int mask = hashes.length - 1;
        int i = h >>> shift;
        while (true) {
            int stored = hashes[i];
            if (stored == 0) {
                return false;
            }
            if (stored == h && entries[2 * i + 1] == node) {
                break;
            }
            i = (i + 1) & mask;
        }
        // Backward shift: pull later entries of the run into the hole when their home does not lie after it.
        int hole = i;
        for (int j = (hole + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
            int home = hashes[j] >>> shift;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                hashes[hole] = hashes[j];
                entries[2 * hole] = entries[2 * j];
                entries[2 * hole + 1] = entries[2 * j + 1];
                hole = j;
            }
        }
        hashes[hole] = 0;
        entries[2 * hole] = null;
        entries[2 * hole + 1] = null;
        size--;
        return true;
    }

    private void place(int h, String id, QueuedContact node) {
        int mask = hashes.length - 1;
        int i = h >>> shift;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        entries[2 * i] = id;
        entries[2 * i + 1] = node;
    }

    private void grow() {
        int[] oldHashes = hashes;
        Object[] oldEntries = entries;
        allocate(Integer.numberOfTrailingZeros(oldHashes.length) + 1);
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                place(oldHashes[i], (String) oldEntries[2 * i], (QueuedContact) oldEntries[2 * i + 1]);
            }
        }
    }

    private void allocate(int bits) {
        hashes = new int[1 << bits];
        entries = new Object[2 << bits];
        shift = 32 - bits;
    }

    /** Checks the invariants; for tests. */
    void checkInvariants() {
        int mask = hashes.length - 1;
        int count = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == 0) {
                if (entries[2 * i] != null || entries[2 * i + 1] != null) {
                    throw new AssertionError("empty slot " + i + " holds an entry");
                }
                continue;
            }
            count++;
            QueuedContact node = (QueuedContact) entries[2 * i + 1];
            if (node.idHash != hashes[i] || !node.contact.id().equals(entries[2 * i])
                    || hashes[i] != hash((String) entries[2 * i])) {
                throw new AssertionError("slot " + i + " misfiled");
            }
            for (int k = hashes[i] >>> shift; k != i; k = (k + 1) & mask) {
                if (hashes[k] == 0) {
                    throw new AssertionError("slot " + i + " unreachable from its home");
                }
            }
        }
        if (count != size || 2 * size > hashes.length) {
            throw new AssertionError("index counts " + size + ", holds " + count + " in " + hashes.length);
        }
    }
}
