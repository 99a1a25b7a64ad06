package org.rappel.queue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Contacts in {@link QueuedContact#SERVICE_ORDER} that could not be appended to a {@link PriorityBand}'s arrival
 * array: callbacks keeping an earlier place, contacts put back after a failed offer, moved or re-prioritised
 * contacts. Insert, remove, first and rank are O(log n) (expected).
 *
 * <p>A treap: a binary search tree by service order that is also a max-heap by {@link QueuedContact#heapKey}, and
 * every node counts its subtree, so a rank is the count of nodes passed on the left on the way down. The heap keys
 * are a hash of the sequence number, not draws from a random generator, so a given history always gives the same
 * tree.
 *
 * <p>Invariants: each node's {@code size} is 1 + the sizes of its children; {@code first} is the leftmost node;
 * keys are unique (the sequence number breaks every tie); nodes outside the treap have null children and size 0.
 * Recursion depth is the tree height, about 2.5 log2(n) on average (around 40 for 100,000 contacts).
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class ContactTreap {

    private QueuedContact root;
    /** The leftmost node, or null: asked for on every dispatch, found without walking the left spine. */
    private QueuedContact first;

    int size() {
        return size(root);
    }

    /** Adds a node that is in no treap. */
    void insert(QueuedContact node) {
        node.left = null;
        node.right = null;
        node.size = 1;
        root = insert(root, node);
        if (first == null || QueuedContact.compare(node, first) < 0) {
            first = node;
        }
    }

    /** Removes a node of this treap (precondition, not checked). */
    void remove(QueuedContact node) {
        root = remove(root, node);
        node.left = null;
        node.right = null;
        node.size = 0;
        if (node == first) {
            first = leftmost();
        }
    }

    /** The first node in service order, or null if empty. */
    QueuedContact first() {
        return first;
    }

    private QueuedContact leftmost() {
        QueuedContact n = root;
        if (n == null) {
            return null;
        }
        while (n.left != null) {
            n = n.left;
        }
        return n;
    }

    /** How many nodes of this treap are ordered before {@code node}, which may or may not be in it. */
    int countBefore(QueuedContact node) {
        int before = 0;
        QueuedContact n = root;
        while (n != null) {
            int c = QueuedContact.compare(node, n);
            if (c < 0) {
                n = n.left;
            } else if (c > 0) {
                before += size(n.left) + 1;
                n = n.right;
            } else {
                return before + size(n.left);
            }
        }
        return before;
    }

    /** Visits the nodes in service order. */
    void forEach(Consumer<QueuedContact> action) {
        Deque<QueuedContact> path = new ArrayDeque<>();
        QueuedContact n = root;
        while (n != null || !path.isEmpty()) {
            while (n != null) {
                path.push(n);
                n = n.left;
            }
            n = path.pop();
            action.accept(n);
            n = n.right;
        }
    }

    /** Empties the treap and returns its nodes in service order, each with its tree fields cleared. */
    QueuedContact[] drain() {
        QueuedContact[] all = new QueuedContact[size()];
        int[] count = {0};
        forEach(n -> all[count[0]++] = n);
        for (QueuedContact n : all) {
            n.left = null;
            n.right = null;
            n.size = 0;
        }
        root = null;
        first = null;
        return all;
    }

    private static int size(QueuedContact n) {
        return n == null ? 0 : n.size;
    }

    private static void resize(QueuedContact n) {
        n.size = 1 + size(n.left) + size(n.right);
    }

    private static QueuedContact insert(QueuedContact t, QueuedContact node) {
        if (t == null) {
            return node;
        }
        if (QueuedContact.compare(node, t) < 0) {
            t.left = insert(t.left, node);
            t.size++;
            if (t.left.heapKey > t.heapKey) {
                t = rotateRight(t);
            }
        } else {
            t.right = insert(t.right, node);
            t.size++;
            if (t.right.heapKey > t.heapKey) {
                t = rotateLeft(t);
            }
        }
        return t;
    }

    /** Precondition: {@code node} is in the subtree {@code t}. */
    private static QueuedContact remove(QueuedContact t, QueuedContact node) {
        if (t == node) {
            return merge(t.left, t.right);
        }
        if (QueuedContact.compare(node, t) < 0) {
            t.left = remove(t.left, node);
        } else {
            t.right = remove(t.right, node);
        }
        t.size--;
        return t;
    }

    /** Joins two treaps where every key of {@code a} is before every key of {@code b}. */
    private static QueuedContact merge(QueuedContact a, QueuedContact b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.heapKey > b.heapKey) {
            a.right = merge(a.right, b);
            resize(a);
            return a;
        }
        b.left = merge(a, b.left);
        resize(b);
        return b;
    }

    private static QueuedContact rotateRight(QueuedContact t) {
        QueuedContact l = t.left;
        t.left = l.right;
        l.right = t;
        resize(t);
        resize(l);
        return l;
    }

    private static QueuedContact rotateLeft(QueuedContact t) {
        QueuedContact r = t.right;
        t.right = r.left;
        r.left = t;
        resize(t);
        resize(r);
        return r;
    }

    /** Checks the invariants and that {@code owner} accepts every node; for tests. Returns the height. */
    int checkInvariants(Consumer<QueuedContact> owner) {
        if (first != leftmost()) {
            throw new AssertionError("first is " + first + ", leftmost " + leftmost());
        }
        return check(root, null, null, owner);
    }

    private static int check(QueuedContact n, QueuedContact low, QueuedContact high, Consumer<QueuedContact> owner) {
        if (n == null) {
            return 0;
        }
        owner.accept(n);
        if (low != null && QueuedContact.compare(low, n) >= 0 || high != null && QueuedContact.compare(n, high) >= 0) {
            throw new AssertionError(n + " out of order");
        }
        if (n.left != null && n.left.heapKey > n.heapKey || n.right != null && n.right.heapKey > n.heapKey) {
            throw new AssertionError(n + " breaks the heap order");
        }
        int hl = check(n.left, low, n, owner);
        int hr = check(n.right, n, high, owner);
        if (n.size != 1 + size(n.left) + size(n.right)) {
            throw new AssertionError(n + " has a wrong size");
        }
        return 1 + Math.max(hl, hr);
    }
}
