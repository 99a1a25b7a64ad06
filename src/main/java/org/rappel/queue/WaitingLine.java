package org.rappel.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contacts waiting for one service, in {@link QueuedContact#SERVICE_ORDER}, with each one's 1-based position.
 *
 * <p>One {@link PriorityBand} per priority class, highest class first: service order puts the whole of a higher
 * class before a lower one, and classes are few. Within a band, contacts arriving now and the head leaving are
 * O(1) amortised; any other insert or removal and every position is O(log n) (see {@link PriorityBand}). A
 * position adds the sizes of the bands before the contact's: O(b + log n) for b bands.
 *
 * <p>No library on the class path keeps positions in O(log n): {@code TreeSet} has no rank, and
 * {@code PriorityQueue} removes and ranks in O(n).
 *
 * <p>Invariants: {@code bands} is sorted by priority class, highest first, one band per class; every node in a
 * band has {@code line == this} and {@code band} set to it; {@code size} is the sum of the bands' sizes. An empty
 * band is kept for the next contact of its class (classes come back: a band is arrays, not worth rebuilding each
 * time), at most {@value #SPARE_BANDS} of them.
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class WaitingLine {

    private static final int SPARE_BANDS = 4;

    private PriorityBand[] bands = new PriorityBand[0];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a node that is in no line. */
    void insert(QueuedContact node) {
        if (node.line != null) {
            throw new IllegalStateException(node + " is already in a line");
        }
        PriorityBand band = band(node.priorityClass);
        band.insert(node);
        node.band = band;
        node.line = this;
        size++;
    }

    /** Removes a node of this line; false, with nothing changed, if the node is not in this line. */
    boolean remove(QueuedContact node) {
        if (node.line != this) {
            return false;
        }
        PriorityBand band = node.band;
        band.remove(node);
        if (band.size() == 0 && emptyBands() > SPARE_BANDS) {
            bands = Arrays.stream(bands).filter(b -> b != band).toArray(PriorityBand[]::new);
        }
        node.band = null;
        node.line = null;
        size--;
        return true;
    }

    /** The first contact in service order, or null if the line is empty. */
    QueuedContact first() {
        if (size == 0) {
            return null;
        }
        for (PriorityBand band : bands) {
            if (band.size() > 0) {
                return band.first();
            }
        }
        throw new IllegalStateException("line of " + size + " with every band empty");
    }

    /** 1-based position of a node of this line, or 0 if the node is not in this line. */
    int position(QueuedContact node) {
        if (node.line != this) {
            return 0;
        }
        int before = 0;
        for (PriorityBand band : bands) {
            if (band == node.band) {
                return before + band.position(node);
            }
            before += band.size();
        }
        throw new IllegalStateException(node + " is marked in this line but its band is not");
    }

    /** Visits the contacts in service order. */
    void forEach(Consumer<QueuedContact> action) {
        for (PriorityBand band : bands) {
            band.forEach(action);
        }
    }

    List<QueuedContact> toList() {
        List<QueuedContact> all = new ArrayList<>(size());
        forEach(all::add);
        return all;
    }

    private int emptyBands() {
        int empty = 0;
        for (PriorityBand b : bands) {
            empty += b.size() == 0 ? 1 : 0;
        }
        return empty;
    }

    /** The band of a priority class, created if there is none. */
    private PriorityBand band(int priorityClass) {
        int i = 0;
        while (i < bands.length && bands[i].priorityClass > priorityClass) {
            i++;
        }
        if (i < bands.length && bands[i].priorityClass == priorityClass) {
            return bands[i];
        }
        PriorityBand band = new PriorityBand(priorityClass);
        PriorityBand[] grown = new PriorityBand[bands.length + 1];
        System.arraycopy(bands, 0, grown, 0, i);
        grown[i] = band;
        System.arraycopy(bands, i, grown, i + 1, bands.length - i);
        bands = grown;
        return band;
    }

    /** Checks the invariants; for tests. Returns the greatest height of a band's treap. */
    int checkInvariants() {
        int height = 0;
        int total = 0;
        int empty = 0;
        for (int i = 0; i < bands.length; i++) {
            PriorityBand band = bands[i];
            if (i > 0 && bands[i - 1].priorityClass <= band.priorityClass) {
                throw new AssertionError("bands out of order at " + i);
            }
            height = Math.max(height, band.checkInvariants(n -> {
                if (n.line != this || n.band != band || n.priorityClass != band.priorityClass) {
                    throw new AssertionError(n + " not marked in this band");
                }
            }));
            total += band.size();
            empty += band.size() == 0 ? 1 : 0;
        }
        if (total != size) {
            throw new AssertionError("line counts " + size + ", bands hold " + total);
        }
        if (empty > SPARE_BANDS) {
            throw new AssertionError(empty + " empty bands kept");
        }
        return height;
    }
}
