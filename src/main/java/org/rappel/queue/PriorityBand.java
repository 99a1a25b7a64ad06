package org.rappel.queue;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The contacts of one priority class in one {@link WaitingLine}, in {@link QueuedContact#SERVICE_ORDER}: an
 * append-mostly array for the common case plus a {@link ContactTreap} for the rest.
 *
 * <p>Live callers arrive "now", so nearly every insert comes after every contact of its class and nearly every
 * removal is the head: those are O(1) (amortised) on the <em>arrival array</em>. A contact ordered before the
 * array's last slot (a callback keeping a caller's place, a contact put back or moved in) goes to the treap,
 * O(log n). The band's order is the merge of the two; {@link #first} compares their heads.
 *
 * <p>A removal from the array leaves a hole (null slot). Holes at the head are skipped; a hole behind the head is
 * marked in a bitmap (one {@code long} per block of 64 slots) and counted in a Fenwick tree (binary indexed tree)
 * over the blocks, so that the live slots between the head and any slot are counted in O(log n) with one bitmap
 * word read: positions are O(log n) on both sides. The block tree is 64 times smaller than the array (12 KB for
 * 200,000 slots) and stays in cache. The array is rebuilt, holes dropped and the treap merged in, when the tail
 * reaches the end (capacity becomes twice the live count, up to a quarter more when that lets it reuse the arrays
 * the previous rebuild gave up) or when the treap outgrows the array, so each rebuild is paid for by at least half
 * as many operations as it copies contacts.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code slots[head, tail)} is sorted by service order, holes included: a hole keeps the key of the contact
 *       that left it in the key arrays ({@code seconds}, {@code nanos}, {@code sequences}), because that contact
 *       may be re-keyed and put back elsewhere while the hole stays;</li>
 *   <li>{@code head == tail} or {@code slots[head]} is live; {@code arrayLive} counts the live slots;</li>
 *   <li>a slot in {@code [head, tail)} is a hole exactly when its bit is set, and each block's count in the
 *       Fenwick tree is its word's bit count (bits below the head are stale, and no query reads them alone: counts
 *       are differences from the head); both are all zero when {@code holeCount == 0}, and only then may an
 *       emptied array restart at slot 0 without a rebuild;</li>
 *   <li>a contact in the array has {@code slot} = its index; a contact in the treap has {@code slot == -1}.</li>
 * </ul>
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class PriorityBand {

    private static final int MIN_CAPACITY = 16;

    final int priorityClass;

    private QueuedContact[] slots;
    private long[] seconds;
    private int[] nanos;
    private long[] sequences;
    /** Bit {@code s % 64} of word {@code s / 64}: slot {@code s} is a hole behind the head. */
    private long[] holeBits;
    /** Fenwick tree over 64-slot blocks, 1-based: entry {@code i} counts the holes of blocks (i - lowbit(i), i]. */
    private int[] blockHoles;
    /** Holes ever marked since the bitmap and tree were last all zero. */
    private int holeCount;
    private int head;
    private int tail;
    private int arrayLive;
    private final ContactTreap outOfOrder = new ContactTreap();
    /*
     * The arrays given up by the last rebuild (slots cleared), reused by the next one if their capacity fits: a
     * band of steady size then rebuilds into the same two sets of arrays instead of allocating (and the collector
     * reclaiming) megabytes each time. Null until a first rebuild.
     */
    private QueuedContact[] spareSlots;
    private long[] spareSeconds;
    private int[] spareNanos;
    private long[] spareSequences;
    private long[] spareHoleBits;
    private int[] spareBlockHoles;

    PriorityBand(int priorityClass) {
        this.priorityClass = priorityClass;
        allocate(MIN_CAPACITY);
    }

    int size() {
        return arrayLive + outOfOrder.size();
    }

    /** Adds a node of this class that is in no band. */
    void insert(QueuedContact node) {
        if (head == tail && holeCount == 0) {
            head = 0; // an emptied array is reused from the start: the Fenwick tree is all zero
            tail = 0;
        } else if (tail == slots.length) {
            rebuild(1); // before choosing a side: the rebuild may move treap contacts after this one to the array
        }
        if (head == tail || isAfterTail(node)) {
            append(node);
        } else {
            outOfOrder.insert(node);
            node.slot = -1;
            if (outOfOrder.size() > MIN_CAPACITY + arrayLive) {
                rebuild(0);
            }
        }
    }

    /** Removes a node of this band (precondition, checked by the line). */
    void remove(QueuedContact node) {
        int s = node.slot;
        if (s < 0) {
            outOfOrder.remove(node);
            return;
        }
        slots[s] = null;
        node.slot = -1;
        arrayLive--;
        if (s == head) {
            do {
                head++;
            } while (head < tail && slots[head] == null);
        } else {
            holeCount++;
            holeBits[s >>> 6] |= 1L << s;
            for (int i = (s >>> 6) + 1; i < blockHoles.length; i += i & -i) {
                blockHoles[i]++;
            }
        }
    }

    /** The first contact of the band, or null if it is empty. */
    QueuedContact first() {
        QueuedContact a = head < tail ? slots[head] : null;
        QueuedContact b = outOfOrder.first();
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return QueuedContact.compare(a, b) < 0 ? a : b;
    }

    /** 1-based position within the band of a node of this band. */
    int position(QueuedContact node) {
        if (node.slot >= 0) {
            return liveBefore(node.slot) + outOfOrder.countBefore(node) + 1;
        }
        return liveBefore(firstSlotAfter(node)) + outOfOrder.countBefore(node) + 1;
    }

    /** Visits the contacts in service order. */
    void forEach(Consumer<QueuedContact> action) {
        QueuedContact[] late = outOfOrder.size() == 0 ? new QueuedContact[0] : toArray(outOfOrder);
        int j = 0;
        for (int i = head; i < tail; i++) {
            QueuedContact n = slots[i];
            if (n == null) {
                continue;
            }
            while (j < late.length && QueuedContact.compare(late[j], n) < 0) {
                action.accept(late[j++]);
            }
            action.accept(n);
        }
        while (j < late.length) {
            action.accept(late[j++]);
        }
    }

    private static QueuedContact[] toArray(ContactTreap treap) {
        QueuedContact[] all = new QueuedContact[treap.size()];
        int[] count = {0};
        treap.forEach(n -> all[count[0]++] = n);
        return all;
    }

    private boolean isAfterTail(QueuedContact node) {
        int last = tail - 1;
        if (node.arrivalSecond != seconds[last]) {
            return node.arrivalSecond > seconds[last];
        }
        if (node.arrivalNano != nanos[last]) {
            return node.arrivalNano > nanos[last];
        }
        return node.sequence > sequences[last];
    }

    private void append(QueuedContact node) {
        slots[tail] = node;
        seconds[tail] = node.arrivalSecond;
        nanos[tail] = node.arrivalNano;
        sequences[tail] = node.sequence;
        node.slot = tail++;
        arrayLive++;
    }

    /** Live slots in {@code [head, s)}. */
    private int liveBefore(int s) {
        return s - head - (holesBelow(s) - holesBelow(head));
    }

    /** Holes marked in {@code [0, s)}: whole blocks from the tree, the rest of the last block from its word. */
    private int holesBelow(int s) {
        int block = s >>> 6;
        int count = Long.bitCount(holeBits[block] & ((1L << s) - 1));
        for (int i = block; i > 0; i -= i & -i) {
            count += blockHoles[i];
        }
        return count;
    }

    /** The first slot in {@code [head, tail]} whose key is after the node's (holes compare by their kept key). */
    private int firstSlotAfter(QueuedContact node) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (isAfterSlot(node, mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean isAfterSlot(QueuedContact node, int s) {
        if (node.arrivalSecond != seconds[s]) {
            return node.arrivalSecond > seconds[s];
        }
        if (node.arrivalNano != nanos[s]) {
            return node.arrivalNano > nanos[s];
        }
        return node.sequence > sequences[s];
    }

    private boolean slotIsAfter(int s, int t) {
        if (seconds[s] != seconds[t]) {
            return seconds[s] > seconds[t];
        }
        if (nanos[s] != nanos[t]) {
            return nanos[s] > nanos[t];
        }
        return sequences[s] > sequences[t];
    }

    /**
     * Moves every contact, treap included, into a fresh array with room for twice as many plus {@code extra} (or
     * up to a quarter more: the spare arrays, if that is their size).
     */
    private void rebuild(int extra) {
        QueuedContact[] oldSlots = slots;
        long[] oldSeconds = seconds;
        int[] oldNanos = nanos;
        long[] oldSequences = sequences;
        long[] oldHoleBits = holeBits;
        int[] oldBlockHoles = blockHoles;
        int oldHead = head;
        int oldTail = tail;
        QueuedContact[] late = outOfOrder.drain();
        int total = arrayLive + late.length;
        int capacity = Math.max(MIN_CAPACITY, 2 * (total + extra));
        if (spareSlots != null && spareSlots.length >= capacity && spareSlots.length - capacity <= capacity / 4) {
            slots = spareSlots;
            seconds = spareSeconds;
            nanos = spareNanos;
            sequences = spareSequences;
            holeBits = spareHoleBits;
            blockHoles = spareBlockHoles;
            Arrays.fill(holeBits, 0L);
            Arrays.fill(blockHoles, 0);
        } else {
            allocate(capacity);
        }
        head = 0;
        tail = 0;
        arrayLive = 0;
        holeCount = 0;
        int j = 0;
        for (int i = oldHead; i < oldTail; i++) {
            QueuedContact n = oldSlots[i];
            if (n == null) {
                continue;
            }
            while (j < late.length && QueuedContact.compare(late[j], n) < 0) {
                append(late[j++]);
            }
            append(n);
        }
        while (j < late.length) {
            append(late[j++]);
        }
        Arrays.fill(oldSlots, oldHead, oldTail, null); // the spare must not keep contacts alive
        spareSlots = oldSlots;
        spareSeconds = oldSeconds;
        spareNanos = oldNanos;
        spareSequences = oldSequences;
        spareHoleBits = oldHoleBits;
        spareBlockHoles = oldBlockHoles;
    }

    private void allocate(int capacity) {
        slots = new QueuedContact[capacity];
        seconds = new long[capacity];
        nanos = new int[capacity];
        sequences = new long[capacity];
        holeBits = new long[(capacity >>> 6) + 1]; // + 1: holesBelow(capacity) reads the word past the end
        blockHoles = new int[(capacity >>> 6) + 2];
    }

    /** Checks the invariants and that {@code owner} accepts every node; for tests. Returns the treap's height. */
    int checkInvariants(Consumer<QueuedContact> owner) {
        if (head < tail && slots[head] == null) {
            throw new AssertionError("hole at the head");
        }
        int live = 0;
        for (int i = head; i < tail; i++) {
            QueuedContact n = slots[i];
            if (i > head && !slotIsAfter(i, i - 1)) {
                throw new AssertionError("slots out of order at " + i);
            }
            if ((n == null) != (liveBefore(i + 1) == liveBefore(i))) {
                throw new AssertionError("hole count wrong at " + i);
            }
            if (n == null) {
                continue;
            }
            live++;
            owner.accept(n);
            if (n.slot != i || n.arrivalSecond != seconds[i] || n.arrivalNano != nanos[i]
                    || n.sequence != sequences[i]) {
                throw new AssertionError(n + " misfiled at slot " + i);
            }
        }
        for (int i = head; i < tail; i++) {
            if ((slots[i] == null) != ((holeBits[i >>> 6] & 1L << i) != 0)) {
                throw new AssertionError("hole bit wrong at " + i);
            }
        }
        if (holeCount == 0 && (Arrays.stream(blockHoles).anyMatch(h -> h != 0)
                || Arrays.stream(holeBits).anyMatch(w -> w != 0))) {
            throw new AssertionError("holes counted while none recorded");
        }
        if (live != arrayLive) {
            throw new AssertionError(arrayLive + " live slots counted, " + live + " found");
        }
        return outOfOrder.checkInvariants(n -> {
            if (n.slot != -1) {
                throw new AssertionError(n + " in the treap with slot " + n.slot);
            }
            owner.accept(n);
        });
    }
}
