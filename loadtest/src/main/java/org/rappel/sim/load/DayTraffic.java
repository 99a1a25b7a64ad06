package org.rappel.sim.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.DialApplication;
import org.rappel.sim.agi.HangupSource;
import org.rappel.sim.agi.LiveCall;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.sim.agi.SoundCatalog;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.AnswerPolicies.Durations;
import org.rappel.sim.ami.AnswerPolicy;
import org.rappel.sim.ami.CallbackOrder;
import org.rappel.sim.dialplan.Dialplan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whole-day traffic against a running Rappel: callers arrive through the day as a {@link DayProfile} says
 * (time-scaled), choose a service in the IVR, wait on hold, and either get connected by {@code EXEC Dial} to one
 * of the simulated agents (the AMI simulator answers for them and reports the dial on AMI) or lose patience and
 * hang up. At the end it writes the call trace that {@code rappel ewt-replay --trace} scores, from what the
 * simulator saw: arrival = the call reached the FastAGI server, queue_exit = an agent answered (or the caller
 * hung up), service_end = the conversation ended. Calls the server ended without any Dial are counted apart and
 * left out of the trace. Run through {@code loadtest/run day}; see loadtest/README.md.
 *
 * <p>Threads: the main thread paces arrivals; calls live on the AGI simulator's loops; results are gathered in
 * a concurrent queue and written once every call has ended.
 */
@Command(name = "day", mixinStandardHelpOptions = true,
        description = "A day of simulated callers and agents against Rappel; writes an ewt-replay trace.")
public final class DayTraffic implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", description = "FastAGI server host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "FastAGI server port (default ${DEFAULT-VALUE})")
    int port = 4573;

    @Option(names = "--script", description = "AGI script path (default ${DEFAULT-VALUE})")
    String script = "hotline";

    @Option(names = "--language", description = "channel language (default ${DEFAULT-VALUE})")
    String language = "fr";

    @Option(names = "--ami-port", description = "port of the simulated AMI Rappel connects to (default "
            + "${DEFAULT-VALUE}; 0 = any free port, printed)")
    int amiPort = 5038;

    @Option(names = "--ami-user", description = "AMI username (default ${DEFAULT-VALUE})")
    String amiUser = "rappel";

    @Option(names = "--ami-secret", description = "AMI secret (default ${DEFAULT-VALUE})")
    String amiSecret = "sim-secret";

    @Option(names = "--profile", description = "periods and calls per hour (default ${DEFAULT-VALUE})")
    String profile = DayProfile.TYPICAL;

    @Option(names = "--date", description = "simulated date, for the trace's times (default ${DEFAULT-VALUE})")
    LocalDate date = LocalDate.of(2026, 11, 26);

    @Option(names = "--service", description = "NAME:KEYS:WEIGHT[:PRIORITY]: a service, the IVR keys that choose "
            + "it (comma-separated inputs, '-' for silence) and its share of callers; repeatable "
            + "(default general:1,1:1)")
    List<String> services = new ArrayList<>();

    @Option(names = "--agents", description = "simulated agents PJSIP/agent101… that answer (default ${DEFAULT-VALUE}); "
            + "Rappel's config lists the same dial strings")
    int agents = 5;

    @Option(names = "--answer-probability", description = "an agent answers a ring (default ${DEFAULT-VALUE}); "
            + "else it does not answer. Rappel pauses an agent who let it ring out, and no one unpauses them here")
    double answerProbability = 1.0;

    @Option(names = "--ring-s", description = "agent ring time, uniform MIN-MAX seconds (default ${DEFAULT-VALUE})")
    String ringSeconds = "2-6";

    @Option(names = "--talk-mean-s", description = "mean talk time, exponential (default ${DEFAULT-VALUE})")
    double talkMeanSeconds = 240;

    @Option(names = "--patience-mean-s", description = "mean patience of a waiting caller, exponential "
            + "(default ${DEFAULT-VALUE})")
    double patienceMeanSeconds = 300;

    @Option(names = "--time-scale", description = "real time per simulated time (default ${DEFAULT-VALUE}: "
            + "a 10-hour day in 6 minutes)")
    double timeScale = 0.01;

    @Option(names = "--seed", description = "seed of arrivals, choices, patience, agents (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--trace", description = "where to write the trace CSV (default ${DEFAULT-VALUE})")
    Path trace = Path.of("day-trace.csv");

    @Option(names = "--ami-wait-s", description = "wait up to this long for the server to log in to the simulated "
            + "AMI before the first caller (default ${DEFAULT-VALUE}; 0: do not wait)")
    long amiWaitSeconds = 60;

    @Option(names = "--callback-share", description = "share of callers who ask for a callback: after the service "
            + "keys they press --callback-keys (default ${DEFAULT-VALUE}: none)")
    double callbackShare = 0;

    @Option(names = "--callback-keys", description = "IVR inputs of a caller asking for a callback, after the service "
            + "keys, comma-separated, '-' for silence (default ${DEFAULT-VALUE}: accept the offer, confirm the number)")
    String callbackKeys = "1,1";

    @Option(names = "--callback-answer-probability", description = "a called-back citizen answers (default "
            + "${DEFAULT-VALUE}); else busy with --callback-busy-probability, else no answer")
    double callbackAnswerProbability = 0.8;

    @Option(names = "--callback-busy-probability", description = "a called-back citizen is busy (default "
            + "${DEFAULT-VALUE})")
    double callbackBusyProbability = 0.1;

    @Option(names = "--dialplan", description = "extensions.conf whose rappel-callback context answered "
            + "Originates run, RAPPEL_AGI set to --host:--port (default ${DEFAULT-VALUE})")
    Path dialplan = Path.of("asterisk-config/extensions.conf");

    @Option(names = "--callback-order", description = "AGI connection vs OriginateResponse: AS_CAPTURED, AGI_FIRST, "
            + "RESPONSE_FIRST, MIXED (default ${DEFAULT-VALUE})")
    CallbackOrder callbackOrder = CallbackOrder.MIXED;

    @Option(names = "--callback-drain-s", description = "after the last caller, wait up to this long (real seconds) "
            + "for callbacks still due, ending early after 10 quiet seconds (default ${DEFAULT-VALUE})")
    long callbackDrainSeconds = 120;

    @Option(names = "--demo-server", description = "run against a built-in toy queue (checks the generator; "
            + "--host/--port ignored)")
    boolean demoServer;

    /** One service callers can choose. */
    record Service(String name, List<String> keys, double weight, int priority) {
        static Service parse(String text) {
            String[] parts = text.split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("expected NAME:KEYS:WEIGHT[:PRIORITY], was '" + text + "'");
            }
            return new Service(parts[0], List.of(parts[1].split(",")), Double.parseDouble(parts[2]),
                    parts.length == 4 ? Integer.parseInt(parts[3]) : 0);
        }
    }

    /** What happened to one caller; times in System.nanoTime(). */
    record Observed(long arrivedNanos, Service service, Optional<CallTranscript> transcript) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DayTraffic()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DayProfile day = DayProfile.parse(profile);
        List<Service> mix = (services.isEmpty() ? List.of("general:1,1:1") : services).stream()
                .map(Service::parse).toList();
        SplittableRandom random = new SplittableRandom(seed);
        String[] ring = ringSeconds.split("-");
        Durations ringTimes = Durations.uniform(Duration.ofMillis(Math.round(Double.parseDouble(ring[0]) * 1000)),
                Duration.ofMillis(Math.round(Double.parseDouble(ring[ring.length - 1]) * 1000)));
        AnswerPolicy agentPolicy = AnswerPolicies.mix(answerProbability, 0, ringTimes,
                Durations.exponential(Duration.ofMillis(Math.round(talkMeanSeconds * 1000))));
        boolean callbacks = callbackShare > 0;
        if (callbacks && demoServer) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--callback-share needs Rappel: the demo server offers no callbacks");
        }
        // Called-back citizens answer, then listen until Rappel's callback script hangs up (or the agent does).
        AnswerPolicy citizenPolicy = AnswerPolicies.mix(callbackAnswerProbability, callbackBusyProbability,
                ringTimes, Durations.fixed(Duration.ofDays(1)));
        List<String> agentDials = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            agentDials.add("PJSIP/agent" + (101 + i));
        }
        AnswerPolicy everyone = (channel, r) -> agentDials.contains(channel) ? agentPolicy.decide(channel, r)
                : citizenPolicy.decide(channel, r);
        AmiSimulator.Options amiOptions = AmiSimulator.Options.defaults().withCredentials(amiUser, amiSecret)
                .withSeed(seed).withPolicy(callbacks ? everyone : agentPolicy);
        SimulatorSettings settings = SimulatorSettings.defaults().withTimeScale(timeScale)
                .withSounds(SoundCatalog.standard().withDefaultLength(Duration.ofMillis(2000)));
        List<Duration> arrivals = day.arrivals(random);
        ConcurrentLinkedQueue<Observed> observed = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        ScheduledExecutorService patience = Executors.newSingleThreadScheduledExecutor();
        List<CallbackCheck.Request> callbackRequests = new ArrayList<>();
        try (AmiSimulator ami = AmiSimulator.start(amiOptions, demoServer ? 0 : amiPort);
             AgiSimulator simulator = new AgiSimulator(settings);
             DemoQueueServer demo = demoServer ? new DemoQueueServer(agentDials) : null) {
            DialApplication.register(simulator, ami.dialer());
            InetSocketAddress server = demo != null ? new InetSocketAddress("127.0.0.1", demo.port())
                    : new InetSocketAddress(host, port);
            if (callbacks) {
                Dialplan plan = Dialplan.load(dialplan).withGlobal("RAPPEL_AGI", host + ":" + port);
                plan.requireSimulated("rappel-callback");
                ami.runDialplan(plan, simulator, callbackOrder);
                ami.setOriginateTimeScale(timeScale);
            }
            System.out.printf("day %s from %s, %d arrivals (%.0f expected), %d agents, AMI on 127.0.0.1:%d "
                    + "(%s/%s), time scale %s%n", date, day.opens(), arrivals.size(), day.expectedCalls(), agents,
                    ami.port(), amiUser, amiSecret, timeScale);
            if (!demoServer && amiWaitSeconds > 0) {
                // The server retries its AMI connection with a growing back-off: without this wait the first
                // minutes of the day (hours, scaled) would run without AMI.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(amiWaitSeconds);
                while (ami.loggedInSessions() == 0 && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                System.out.println(ami.loggedInSessions() > 0 ? "server logged in to the AMI"
                        : "no AMI login after " + amiWaitSeconds + " s: going on without");
            }
            long runStart = System.nanoTime();
            int n = 0;
            for (Duration at : arrivals) {
                long wait = runStart + Math.round(at.toNanos() * timeScale) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Service service = pick(mix, random);
                String callerId = String.format("06%08d", n++ % 100_000_000);
                CallerScript.Builder caller = CallerScript.builder().script(script).language(language)
                        .callerId(callerId);
                service.keys().forEach(k -> caller.input(k.equals("-") ? CallerInput.silence() : CallerInput.keys(k)));
                if (callbacks && random.nextDouble() < callbackShare) {
                    callbackRequests.add(new CallbackCheck.Request(callerId, service.name()));
                    for (String k : callbackKeys.split(",")) {
                        caller.input(k.equals("-") ? CallerInput.silence() : CallerInput.keys(k));
                    }
                }
                long arrived = System.nanoTime();
                LiveCall live = simulator.place(server, caller.build());
                long patienceNanos = Math.round(-Math.log(1 - random.nextDouble()) * patienceMeanSeconds * 1e9
                        * timeScale);
                patience.schedule(live::abandonIfWaiting, patienceNanos, TimeUnit.NANOSECONDS);
                // Generous: the longest plausible wait and talk, scaled, plus the server's own slack.
                long limit = Math.round((day.length().toSeconds() + 20 * talkMeanSeconds) * 1e9 * timeScale) + 30_000_000_000L;
                pending.add(live.finished().orTimeout(limit, TimeUnit.NANOSECONDS).handle((t, e) -> {
                    observed.add(new Observed(arrived, service, Optional.ofNullable(t)));
                    return null;
                }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            Instant dayStart = date.atTime(day.opens()).toInstant(ZoneOffset.UTC);
            Summary summary = writeTrace(observed, runStart, dayStart);
            System.out.print(summary.text(trace));
            if (!callbacks) {
                return summary.failed == 0 ? 0 : 1;
            }
            drainCallbacks(ami);
            CallbackCheck check = new CallbackCheck(callbackRequests, ami.originateLog());
            System.out.print(check.text());
            ami.dialplanErrors().stream().limit(5).forEach(e -> System.out.println("dialplan error: " + e));
            return summary.failed == 0 && check.doubleDials() == 0 && ami.dialplanErrors().isEmpty() ? 0 : 1;
        } finally {
            patience.shutdownNow();
        }
    }

    /** Waits for the callbacks still due: until no Originate is up and none came for 10 s, or the drain time. */
    private void drainCallbacks(AmiSimulator ami) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(callbackDrainSeconds);
        int lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            var log = ami.originateLog();
            if (log.records().size() != lastCount || !log.inProgress().isEmpty()) {
                lastCount = log.records().size();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(10)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static Service pick(List<Service> mix, SplittableRandom random) {
        double total = mix.stream().mapToDouble(Service::weight).sum();
        double x = random.nextDouble() * total;
        for (Service s : mix) {
            x -= s.weight();
            if (x < 0) {
                return s;
            }
        }
        return mix.get(mix.size() - 1);
    }

    /** Counts of the day, for the summary line. */
    static final class Summary {
        int answered;
        int abandoned;
        int notQueued;
        final java.util.Map<String, Integer> notQueuedHow = new java.util.TreeMap<>();
        int failed;
        double waitSecondsAnswered;

        String text(Path trace) {
            return String.format(java.util.Locale.ROOT, "answered %d (mean wait %.1f s), abandoned %d, ended without "
                    + "a dial %d %s, failed %d; trace: %s%n", answered, answered == 0 ? 0 : waitSecondsAnswered / answered,
                    abandoned, notQueued, notQueuedHow, failed, trace);
        }
    }

    private Summary writeTrace(ConcurrentLinkedQueue<Observed> observed, long runStart, Instant dayStart)
            throws IOException {
        Summary summary = new Summary();
        List<TraceRow> rows = new ArrayList<>();
        for (Observed o : observed) {
            if (o.transcript().isEmpty() || o.transcript().get().outcome().isEmpty()) {
                summary.failed++;
                continue;
            }
            CallTranscript t = o.transcript().get();
            long base = t.startedAtNanoTime();
            Instant arrival = simulated(dayStart, runStart, o.arrivedNanos());
            Optional<CallTranscript.DialRecord> answered = t.dials().stream()
                    .filter(d -> d.answeredAtNanos().isPresent()).findFirst();
            if (answered.isPresent()) {
                CallTranscript.DialRecord d = answered.get();
                Instant exit = simulated(dayStart, runStart, base + d.answeredAtNanos().getAsLong());
                rows.add(new TraceRow(arrival, exit, true,
                        Optional.of(simulated(dayStart, runStart, base + d.endedAtNanos())), o.service().name(),
                        o.service().priority(), Optional.of(endpoint(d.peer()))));
                summary.answered++;
                summary.waitSecondsAnswered += Duration.between(arrival, exit).toMillis() / 1000.0;
            } else if (t.outcome().get().hangupSource() == HangupSource.CALLER
                    && t.outcome().get().hangupAt().isPresent()) {
                long gone = base + t.outcome().get().hangupAt().getAsLong();
                rows.add(new TraceRow(arrival, simulated(dayStart, runStart, gone), false, Optional.empty(),
                        o.service().name(), o.service().priority(), Optional.empty()));
                summary.abandoned++;
            } else {
                summary.notQueued++;
                // e.g. HANGUP/AGI: the server hung up; SUCCESS: it closed with the caller still there
                summary.notQueuedHow.merge(t.outcome().get().status() + "/" + t.outcome().get().hangupSource(), 1,
                        Integer::sum);
            }
        }
        rows.sort(Comparator.comparing(TraceRow::arrival));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(trace, StandardCharsets.UTF_8))) {
            out.println(TraceRow.HEADER);
            rows.forEach(r -> out.println(r.csv()));
        }
        return summary;
    }

    private Instant simulated(Instant dayStart, long runStart, long nanoTime) {
        return dayStart.plusNanos(Math.round((nanoTime - runStart) / timeScale));
    }

    /** {@code PJSIP/agent101-0000002a} → {@code PJSIP/agent101}. */
    static String endpoint(String channel) {
        int dash = channel.lastIndexOf('-');
        return dash > 0 ? channel.substring(0, dash) : channel;
    }
}
