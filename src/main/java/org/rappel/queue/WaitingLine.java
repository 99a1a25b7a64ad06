package org.rappel.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contacts waiting for one service, in {@link QueuedContact#SERVICE_ORDER}, with each one's 1-based position.
 *
 * <p>Insert, remove, first and position are O(log n) (expected): the line is a treap, a binary search tree by
 * service order that is also a max-heap by {@link QueuedContact#heapKey}, and every node counts its subtree, so
 * a position is the count of nodes passed on the left on the way down to it. The heap keys are a hash of the
 * sequence number, not draws from a random generator, so a given history always gives the same tree.
 *
 * <p>No library on the class path keeps positions in O(log n): {@code TreeSet} has no rank, and
 * {@code PriorityQueue} removes and ranks in O(n).
 *
 * <p>Invariants: each node's {@code size} is 1 + the sizes of its children; every node in the tree has
 * {@code line == this}; keys are unique (the sequence number breaks every tie). Recursion depth is the tree
 * height, about 2.5 log2(n) on average (around 40 for 100,000 contacts).
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class WaitingLine {

    private QueuedContact root;

    int size() {
        return size(root);
    }

    boolean isEmpty() {
        return root == null;
    }

    /** Adds a node that is in no line. */
    void insert(QueuedContact node) {
        if (node.line != null) {
            throw new IllegalStateException(node + " is already in a line");
        }
        node.left = null;
        node.right = null;
        node.size = 1;
        root = insert(root, node);
        node.line = this;
    }

    /** Removes a node of this line; false, with nothing changed, if the node is not in this line. */
    boolean remove(QueuedContact node) {
        if (node.line != this) {
            return false;
        }
        root = remove(root, node);
        node.line = null;
        node.left = null;
        node.right = null;
        node.size = 0;
        return true;
    }

    /** The first contact in service order, or null if the line is empty. */
    QueuedContact first() {
        QueuedContact n = root;
        if (n == null) {
            return null;
        }
        while (n.left != null) {
            n = n.left;
        }
        return n;
    }

    /** 1-based position of a node of this line, or 0 if the node is not in this line. */
    int position(QueuedContact node) {
        if (node.line != this) {
            return 0;
        }
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
                return before + size(n.left) + 1;
            }
        }
        throw new IllegalStateException(node + " is marked in this line but not found: order changed while queued?");
    }

    /** Visits the contacts in service order. */
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

    List<QueuedContact> toList() {
        List<QueuedContact> all = new ArrayList<>(size());
        forEach(all::add);
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

    /** Checks the invariants; for tests. Returns the height. */
    int checkInvariants() {
        return check(root, null, null);
    }

    private int check(QueuedContact n, QueuedContact low, QueuedContact high) {
        if (n == null) {
            return 0;
        }
        if (n.line != this) {
            throw new AssertionError(n + " not marked in this line");
        }
        if (low != null && QueuedContact.compare(low, n) >= 0 || high != null && QueuedContact.compare(n, high) >= 0) {
            throw new AssertionError(n + " out of order");
        }
        if (n.left != null && n.left.heapKey > n.heapKey || n.right != null && n.right.heapKey > n.heapKey) {
            throw new AssertionError(n + " breaks the heap order");
        }
        int hl = check(n.left, low, n);
        int hr = check(n.right, n, high);
        if (n.size != 1 + size(n.left) + size(n.right)) {
            throw new AssertionError(n + " has a wrong size");
        }
        return 1 + Math.max(hl, hr);
    }
}
