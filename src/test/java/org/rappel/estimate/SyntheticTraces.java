package org.rappel.estimate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import org.rappel.estimate.replay.TraceRecord;

/**
 * Seeded call traces from a small discrete-event simulation of one service: non-homogeneous Poisson arrivals
 * (thinning), a staffing plan changing every half hour (agents leaving finish their call first), exponential
 * or lognormal handling times, exponential patience (abandonment), two priority classes served highest
 * first then in arrival order, work-conserving: a free agent never leaves a contact waiting.
 */
public final class SyntheticTraces {

    /** Handling-time law: exponential, or lognormal with the given coefficient of variation. */
    record Handling(double meanSeconds, boolean lognormal, double cv) {
        static Handling exponential(double meanSeconds) {
            return new Handling(meanSeconds, false, 1);
        }

        static Handling lognormal(double meanSeconds, double cv) {
            return new Handling(meanSeconds, true, cv);
        }

        double draw(Random random) {
            if (!lognormal) {
                return -meanSeconds * Math.log(1 - random.nextDouble());
            }
            double sigma2 = Math.log(1 + cv * cv);
            double mu = Math.log(meanSeconds) - sigma2 / 2;
            return Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian());
        }
    }

    /**
     * @param arrivalsPerSecond   arrival rate at t seconds after opening
     * @param agentsAt            agents planned for the half hour starting at t seconds (integer seconds)
     * @param meanPatienceSeconds infinite for no abandonment
     * @param highPriorityShare   share of contacts with priority 1 (others 0)
     */
    record Scenario(String service, double openSeconds, DoubleUnaryOperator arrivalsPerSecond,
                    double maxArrivalsPerSecond, IntUnaryOperator agentsAt, Handling handling,
                    double meanPatienceSeconds, double highPriorityShare) {
    }

    static final Instant OPENING = Instant.parse("2026-11-26T08:00:00Z");
    private static final double HALF_HOUR = 1800;

    private SyntheticTraces() {
    }

    /**
     * A hotline's day, 08:00 to 18:00, two services: "etat-civil" (morning peak and smaller afternoon peak,
     * lognormal handling, 12 % priority contacts, patience ~6 min, staffing that lags the peaks) and "impots"
     * (a late-morning surge, exponential handling, few agents).
     */
    public static List<TraceRecord> day(long seed) {
        Scenario etatCivil = new Scenario("etat-civil", 10 * 3600,
                t -> perHour(60 + 160 * bump(t, 2.5 * 3600, 1.2 * 3600) + 90 * bump(t, 6.5 * 3600, 1.0 * 3600)),
                perHour(240),
                t -> (int) Math.round(3 + 10 * bump(t + 1800, 2.5 * 3600, 1.4 * 3600)
                        + 6 * bump(t + 1800, 6.5 * 3600, 1.3 * 3600)),
                Handling.lognormal(240, 0.8), 360, 0.12);
        Scenario impots = new Scenario("impots", 10 * 3600,
                t -> perHour(20 + 70 * bump(t, 3.5 * 3600, 0.7 * 3600)),
                perHour(95),
                t -> t < 3 * 3600 || t >= 5 * 3600 ? 3 : 5,
                Handling.exponential(300), 420, 0.0);
        List<TraceRecord> all = new ArrayList<>(simulate(etatCivil, seed));
        all.addAll(simulate(impots, seed * 31 + 7));
        all.sort(Comparator.comparing(TraceRecord::arrival));
        return all;
    }

    /** Stationary M/M/s: Poisson arrivals at {@code lambda}, {@code s} agents, exponential handling, no abandon. */
    public static List<TraceRecord> mms(long seed, double lambda, double mu, int agents, double hours) {
        return simulate(new Scenario("mms", hours * 3600, t -> lambda, lambda, t -> agents,
                Handling.exponential(1 / mu), Double.POSITIVE_INFINITY, 0), seed);
    }

    private static double perHour(double n) {
        return n / 3600;
    }

    private static double bump(double t, double centre, double width) {
        double z = (t - centre) / width;
        return Math.exp(-z * z / 2);
    }

    private record Contact(int index, double arrival, int priority, double patience, double handling) {
    }

    private record Event(double at, long sequence, int kind, int subject) {
        static final int ARRIVAL = 0;
        static final int ABANDON = 1;
        static final int COMPLETION = 2;
        static final int SHIFT = 3;
    }

    static List<TraceRecord> simulate(Scenario scenario, long seed) {
        Random random = new Random(seed);
        List<Contact> contacts = new ArrayList<>();
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / scenario.maxArrivalsPerSecond();
            if (t >= scenario.openSeconds()) {
                break;
            }
            if (random.nextDouble() * scenario.maxArrivalsPerSecond() <= scenario.arrivalsPerSecond().applyAsDouble(t)) {
                int priority = random.nextDouble() < scenario.highPriorityShare() ? 1 : 0;
                double patience = Double.isInfinite(scenario.meanPatienceSeconds()) ? Double.POSITIVE_INFINITY
                        : -scenario.meanPatienceSeconds() * Math.log(1 - random.nextDouble());
                contacts.add(new Contact(contacts.size(), t, priority, patience,
                        scenario.handling().draw(random)));
            }
        }
        return new Run(scenario, contacts).play();
    }

    /** One simulation run; owns its state, single-threaded. */
    private static final class Run {
        private final Scenario scenario;
        private final List<Contact> contacts;
        private final PriorityQueue<Event> events = new PriorityQueue<>(
                Comparator.comparingDouble(Event::at).thenComparingLong(Event::sequence));
        private final TreeSet<Contact> waiting = new TreeSet<>(Comparator
                .comparingInt(Contact::priority).reversed()
                .thenComparingDouble(Contact::arrival)
                .thenComparingInt(Contact::index));
        private final TreeSet<Integer> freeAgents = new TreeSet<>();
        private final List<Boolean> onShift = new ArrayList<>();
        private final List<Boolean> busy = new ArrayList<>();
        private final double[] exit;
        private final boolean[] answered;
        private final double[] end;
        private final int[] agentOf;
        private long sequence;

        Run(Scenario scenario, List<Contact> contacts) {
            this.scenario = scenario;
            this.contacts = contacts;
            exit = new double[contacts.size()];
            answered = new boolean[contacts.size()];
            end = new double[contacts.size()];
            agentOf = new int[contacts.size()];
        }

        List<TraceRecord> play() {
            for (Contact c : contacts) {
                schedule(c.arrival(), Event.ARRIVAL, c.index());
            }
            for (double shift = 0; shift < scenario.openSeconds(); shift += HALF_HOUR) {
                schedule(shift, Event.SHIFT, (int) shift);
            }
            while (!events.isEmpty()) {
                Event e = events.poll();
                switch (e.kind()) {
                    case Event.ARRIVAL -> arrive(contacts.get(e.subject()), e.at());
                    case Event.ABANDON -> abandon(contacts.get(e.subject()), e.at());
                    case Event.COMPLETION -> complete(e.subject(), e.at());
                    default -> shift(scenario.agentsAt().applyAsInt(e.subject()), e.at());
                }
            }
            return records();
        }

        private void schedule(double at, int kind, int subject) {
            events.add(new Event(at, sequence++, kind, subject));
        }

        private void arrive(Contact c, double at) {
            waiting.add(c);
            if (Double.isFinite(c.patience())) {
                schedule(at + c.patience(), Event.ABANDON, c.index());
            }
            dispatch(at);
        }

        private void abandon(Contact c, double at) {
            if (waiting.remove(c)) {
                exit[c.index()] = at;
            }
        }

        private void complete(int agent, double at) {
            busy.set(agent, false);
            if (onShift.get(agent)) {
                freeAgents.add(agent);
                dispatch(at);
            }
        }

        private void shift(int wanted, double at) {
            while (onShift.size() < wanted) {
                onShift.add(false);
                busy.add(false);
            }
            for (int agent = 0; agent < onShift.size(); agent++) {
                boolean on = agent < wanted;
                onShift.set(agent, on);
                if (on && !busy.get(agent)) {
                    freeAgents.add(agent);
                } else if (!on) {
                    freeAgents.remove(agent);
                }
            }
            dispatch(at);
        }

        private void dispatch(double at) {
            while (!waiting.isEmpty() && !freeAgents.isEmpty()) {
                Contact c = waiting.pollFirst();
                int agent = freeAgents.pollFirst();
                busy.set(agent, true);
                exit[c.index()] = at;
                answered[c.index()] = true;
                end[c.index()] = at + c.handling();
                agentOf[c.index()] = agent;
                schedule(end[c.index()], Event.COMPLETION, agent);
            }
        }

        private List<TraceRecord> records() {
            List<TraceRecord> records = new ArrayList<>();
            for (Contact c : contacts) {
                int i = c.index();
                boolean ok = answered[i];
                records.add(new TraceRecord(i + 2, at(c.arrival()), at(exit[i]),
                        ok ? TraceRecord.Outcome.ANSWERED : TraceRecord.Outcome.ABANDONED,
                        ok ? Optional.of(at(end[i])) : Optional.empty(), scenario.service(), c.priority(),
                        ok ? Optional.of(String.format(Locale.ROOT, "%s-agent-%02d", scenario.service(),
                                agentOf[i] + 1)) : Optional.empty()));
            }
            return records;
        }

        /** Millisecond resolution, as the CSV writes it, so a written and re-read trace replays the same. */
        private static Instant at(double secondsAfterOpening) {
            return OPENING.plusMillis(Math.round(secondsAfterOpening * 1000));
        }
    }

    /** {@code SyntheticTraces FILE.csv [SEED]}: writes one synthetic day, for trying ewt-replay by hand. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SyntheticTraces FILE.csv [SEED]");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : 1;
        write(day(seed), Path.of(args[0]));
    }

    /** Writes the trace in the ewt-replay CSV format, times as epoch seconds with milliseconds. */
    public static void write(List<TraceRecord> trace, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("arrival,queue_exit,outcome,service_end,service,priority,agent\n");
            for (TraceRecord r : trace) {
                out.write(epoch(r.arrival()) + "," + epoch(r.queueExit()) + ","
                        + r.outcome().name().toLowerCase(Locale.ROOT) + ","
                        + r.serviceEnd().map(SyntheticTraces::epoch).orElse("") + ","
                        + r.service() + "," + r.priority() + "," + r.agent().orElse("") + "\n");
            }
        }
    }

    private static String epoch(Instant instant) {
        return String.format(Locale.ROOT, "%d.%03d", instant.getEpochSecond(), instant.getNano() / 1_000_000);
    }
}
