package org.rappel.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one queue operation with 10,000 or 100,000 contacts waiting in a service: Rappel's {@link ServiceQueues}
 * (per priority class an append-mostly arrival array with a Fenwick tree of holes plus a treap for contacts that
 * take an earlier place, see {@link PriorityBand}; an id index) against a {@link PriorityBlockingQueue} doing the
 * same work, in the same run.
 *
 * <ul>
 *   <li>{@code enqueueAndPop}: one new contact in, the agent's next contact out ({@link ServiceQueues#popFor} /
 *       {@code poll}); the queue keeps its size. Arrivals: 90% of the ordinary class, 10% of a higher one; 20%
 *       callbacks keeping an earlier place (a middle insert), the rest at the tail of their class. Rappel's side
 *       also keeps its id index and picks the head the way an agent's dispatch does; the baseline has neither.</li>
 *   <li>{@code removeRandom}: a random waiting contact hangs up, then the same contact is enqueued again (to keep the
 *       size): {@link ServiceQueues#remove} by id against {@code remove(Object)}, O(log n) against O(n).</li>
 *   <li>{@code position}: the 1-based position of a random waiting contact, as announced to a caller on hold:
 *       {@link ServiceQueues#position} against counting, over an iteration of the heap, the contacts ordered
 *       before it; O(log n) against O(n).</li>
 * </ul>
 * Fairness: both sides get the same contacts from the same seeded stream, build them inside the measured call (one
 * {@link Contact} each), copy the same sort key out of it and compare in the same order (priority class, virtual
 * arrival, sequence); each state is filled once per trial and every result is returned to JMH (no dead code). The
 * baseline's elements compare by identity (no {@code equals}), so its linear scans are as cheap as they get.
 * Average time per operation, single thread: the queues are owned by one thread in Rappel.
 *
 * <p>Run (JMH's annotation processor runs at test-compile and writes {@code META-INF/BenchmarkList}; the
 * dependency plugin needs its own dependencies in the local repository once, i.e. one run without {@code -o}):
 * <pre>
 * mvn -q -o -Drappel.build.dir=/tmp/build-perf test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp-perf.txt
 * java -cp /tmp/build-perf/test-classes:/tmp/build-perf/classes:$(cat /tmp/cp-perf.txt) \
 *     org.openjdk.jmh.Main QueueBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 * Short runs for a shared 2-core machine; on a quiet one, more forks and longer iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QueueBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final String SERVICE = "tax";
    private static final Map<String, Integer> SKILLS = Map.of(SERVICE, 1);

    /** The same stream of contacts for both queues. */
    static final class Arrivals {
        private final SplittableRandom random = new SplittableRandom(20261126L);
        private final int waiting;
        /** Ids are reused after 8 x waiting arrivals, far longer than any contact stays in this workload. */
        private final String[] ids;
        private long arrivals;

        Arrivals(int waiting) {
            this.waiting = waiting;
            this.ids = new String[waiting * 8];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "c" + i;
            }
        }

        Contact next() {
            long n = arrivals++;
            int priorityClass = random.nextInt(10) == 0 ? 1 : 0;
            long arrival = random.nextInt(5) == 0 ? n - random.nextLong(waiting) : n;
            return new Contact(ids[(int) (n % ids.length)], ContactKind.LIVE_CALL, SERVICE, priorityClass,
                    T0.plusSeconds(arrival), Map.of());
        }

        int pick(int bound) {
            return random.nextInt(bound);
        }
    }

    @State(Scope.Thread)
    public static class RappelQueue {
        @Param({"10000", "100000"})
        public int waiting;

        Arrivals arrivals;
        ServiceQueues queues;
        Contact[] present;

        @Setup(Level.Trial)
        public void fill() {
            arrivals = new Arrivals(waiting);
            queues = new ServiceQueues(java.util.List.of(ServiceConfig.of(SERVICE)));
            present = new Contact[waiting];
            for (int i = 0; i < waiting; i++) {
                present[i] = arrivals.next();
                queues.enqueue(present[i], T0);
            }
        }
    }

    /**
     * The baseline's element: the same sort key copied out of the contact as {@link QueuedContact} does, so both
     * compare at the same cost. Identity equality on purpose: {@code remove(Object)} then costs only the scan.
     */
    static final class Element {
        final Contact contact;
        final int priorityClass;
        final long arrivalSecond;
        final int arrivalNano;
        final long sequence;

        Element(Contact contact, long sequence) {
            this.contact = contact;
            this.priorityClass = contact.priorityClass();
            this.arrivalSecond = contact.virtualArrival().getEpochSecond();
            this.arrivalNano = contact.virtualArrival().getNano();
            this.sequence = sequence;
        }
    }

    static final Comparator<Element> SERVICE_ORDER = (a, b) -> {
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
    };

    @State(Scope.Thread)
    public static class BaselineQueue {
        @Param({"10000", "100000"})
        public int waiting;

        Arrivals arrivals;
        PriorityBlockingQueue<Element> queue;
        Element[] present;
        long sequence;

        @Setup(Level.Trial)
        public void fill() {
            arrivals = new Arrivals(waiting);
            queue = new PriorityBlockingQueue<>(waiting + 1, SERVICE_ORDER);
            present = new Element[waiting];
            for (int i = 0; i < waiting; i++) {
                present[i] = new Element(arrivals.next(), sequence++);
                queue.add(present[i]);
            }
        }
    }

    @Benchmark
    public QueuedContact enqueueAndPop_rappel(RappelQueue s) {
        s.queues.enqueue(s.arrivals.next(), T0);
        return s.queues.popFor(SKILLS, T0).orElseThrow();
    }

    @Benchmark
    public Element enqueueAndPop_priorityBlockingQueue(BaselineQueue s) {
        s.queue.add(new Element(s.arrivals.next(), s.sequence++));
        return s.queue.poll();
    }

    @Benchmark
    public QueuedContact removeRandom_rappel(RappelQueue s) {
        Contact leaving = s.present[s.arrivals.pick(s.waiting)];
        s.queues.remove(leaving.id());
        return s.queues.enqueue(leaving, T0);
    }

    @Benchmark
    public boolean removeRandom_priorityBlockingQueue(BaselineQueue s) {
        Element leaving = s.present[s.arrivals.pick(s.waiting)];
        if (!s.queue.remove(leaving)) {
            throw new IllegalStateException("lost " + leaving.contact.id());
        }
        return s.queue.add(leaving);
    }

    @Benchmark
    public int position_rappel(RappelQueue s) {
        return s.queues.position(s.present[s.arrivals.pick(s.waiting)].id());
    }

    @Benchmark
    public int position_priorityBlockingQueue(BaselineQueue s) {
        Element target = s.present[s.arrivals.pick(s.waiting)];
        int before = 0;
        for (Element e : s.queue) {
            if (SERVICE_ORDER.compare(e, target) < 0) {
                before++;
            }
        }
        return before + 1;
    }
}
