package org.rappel.queue;

import java.time.Instant;
import java.util.Comparator;

/**
 * A contact with the bookkeeping the queue keeps for it, and the node of the {@link WaitingLine} holding it.
 *
 * <p>The sequence number is given once, at the first enqueue, and kept through moves, priority changes and
 * offers that failed: it only breaks ties between equal virtual arrivals, and keeping it keeps the contact's place.
 * {@code enqueuedAt} is the real time of that first enqueue, for the wait metric.
 *
 * <p>Owner: the thread that owns the {@link Dispatcher}. The node fields belong to the line in {@link #line}.
 */
final class QueuedContact {

    /** Service order: higher priority class, then earlier virtual arrival, then lower sequence number. */
    static final Comparator<QueuedContact> SERVICE_ORDER = QueuedContact::compare;

    final long sequence;
    final Instant enqueuedAt;
    /** Read freely; written only through {@link #setContact}, while out of any line: the line is sorted by it. */
    Contact contact;
    /*
     * The sort key, copied out of the contact: a comparison then reads one node instead of chasing
     * node -> contact -> Instant, which at 100,000 contacts means three cache misses per tree level.
     * Read by the line's classes; written only by setContact.
     */
    int priorityClass;
    long arrivalSecond;
    int arrivalNano;

    /** The line holding this node, or null. */
    WaitingLine line;
    /** The band of {@link #line} holding this node, or null. */
    PriorityBand band;
    /** Index in the band's arrival array, or -1 (in the band's treap, or in no line). */
    int slot = -1;
    /* Treap fields, used while in a band's treap. */
    QueuedContact left;
    QueuedContact right;
    /** Nodes in the subtree rooted here, this one included. */
    int size;
    /** Treap heap key, fixed by the sequence number so that the tree's shape is reproducible. */
    final int heapKey;
    /** {@link ContactIndex#hash} of the id, which no change of contact alters: the index finds the node by it. */
    final int idHash;

    QueuedContact(Contact contact, long sequence, Instant enqueuedAt) {
        this.sequence = sequence;
        setContact(contact);
        this.enqueuedAt = enqueuedAt;
        this.heapKey = mix(sequence);
        this.idHash = ContactIndex.hash(contact.id());
    }

    /** Replaces the contact (new service or priority class); only while in no line. */
    void setContact(Contact newContact) {
        if (line != null) {
            throw new IllegalStateException(this + " is in a line: take it out before changing its order");
        }
        contact = newContact;
        priorityClass = newContact.priorityClass();
        arrivalSecond = newContact.virtualArrival().getEpochSecond();
        arrivalNano = newContact.virtualArrival().getNano();
    }

    static int compare(QueuedContact a, QueuedContact b) {
        if (a.priorityClass != b.priorityClass) {
            return a.priorityClass > b.priorityClass ? -1 : 1;
        }
        if (a.arrivalSecond != b.arrivalSecond) {
            return a.arrivalSecond < b.arrivalSecond ? -1 : 1;
        }
        if (a.arrivalNano != b.arrivalNano) {
            return a.arrivalNano < b.arrivalNano ? -1 : 1;
        }
        return Long.compare(a.sequence, b.sequence);
    }

    /** A well-spread hash (the finalizer of SplitMix64), so that consecutive sequence numbers give random keys. */
    private static int mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return (int) (x ^ (x >>> 31));
    }

    @Override
    public String toString() {
        return contact.id() + "#" + sequence;
    }
}
