package org.rappel.sim.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.HangupPlan;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.sim.agi.SoundCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load mode of the Asterisk simulator: places {@code --calls} FastAGI calls, at most {@code --concurrency} at
 * a time, against a running FastAGI server, every caller following the same scripted profile, and prints
 * sessions per second, completed and failed counts, and the server's command latency (time from the
 * simulator's reply, or the environment, to the server's next command) at p50/p99 from an HdrHistogram.
 * A call is completed when the server closed the connection; failed when refused or still open after
 * {@code --call-timeout} (a server that forgets to close after HANGUP leaves zombies in a real Asterisk).
 * Run through {@code loadtest/run}; see loadtest/README.md.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Simulated Asterisk 22 calls against a FastAGI server.")
public final class LoadTest implements Callable<Integer> {

    @Option(names = "--host", description = "FastAGI server host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "FastAGI server port (default ${DEFAULT-VALUE})")
    int port = 4573;

    @Option(names = {"-n", "--calls"}, description = "calls to place (default ${DEFAULT-VALUE})")
    int calls = 1000;

    @Option(names = {"-c", "--concurrency"}, description = "calls in progress at once (default ${DEFAULT-VALUE})")
    int concurrency = 100;

    @Option(names = "--script", description = "AGI script path, query allowed (default ${DEFAULT-VALUE})")
    String script = "hotline";

    @Option(names = "--arg", description = "an AGI() argument (agi_arg_N); repeatable")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--language", description = "channel language (default ${DEFAULT-VALUE})")
    String language = "fr";

    @Option(names = "--keys", split = ",",
            description = "keys at each input (GET DATA / WAIT FOR DIGIT), '-' for silence, e.g. 1,-,2")
    List<String> keys = new ArrayList<>();

    @Option(names = "--hangup-after-ms", description = "caller hangs up this long after connecting (scaled)")
    Long hangupAfterMillis;

    @Option(names = "--hangup-during-input", description = "caller hangs up during the Nth input command")
    Integer hangupDuringInput;

    @Option(names = "--time-scale", description = "factor on prompt lengths, caller delays and command timeouts "
            + "(default ${DEFAULT-VALUE})")
    double timeScale = 0.01;

    @Option(names = "--prompt-ms", description = "length of any sound not otherwise known (default ${DEFAULT-VALUE})")
    long promptMillis = 2000;

    @Option(names = "--notice-delay-ms", description = "delay of the HANGUP line after a reply (default ${DEFAULT-VALUE})")
    long noticeDelayMillis = 40;

    @Option(names = "--call-timeout-s", description = "a call still open after this is failed (default ${DEFAULT-VALUE})")
    long callTimeoutSeconds = 60;

    @Option(names = "--rate", description = "open-loop arrivals: calls per second, Poisson (seeded); "
            + "--concurrency still caps calls in progress")
    Double rate;

    @Option(names = "--seed", description = "seed of the arrival times (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--demo-server", description = "run against a built-in minimal FastAGI IVR (checks the "
            + "simulator itself; --host/--port ignored)")
    boolean demoServer;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTest()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withTimeScale(timeScale)
                .withHangupNoticeDelay(Duration.ofMillis(noticeDelayMillis))
                .withSounds(SoundCatalog.standard().withDefaultLength(Duration.ofMillis(promptMillis)));
        CallerScript profile = profile();
        LoadReport report = new LoadReport();
        DemoIvrServer demo = demoServer ? new DemoIvrServer() : null;
        InetSocketAddress server = demo != null ? new InetSocketAddress("127.0.0.1", demo.port())
                : new InetSocketAddress(host, port);
        Semaphore slots = new Semaphore(concurrency);
        long started = System.nanoTime();
        try (AgiSimulator simulator = new AgiSimulator(settings)) {
            java.util.Random arrivals = new java.util.Random(seed);
            long nextArrival = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                if (rate != null) {
                    // Exponential gaps between arrivals: a Poisson process of `rate` calls per second.
                    nextArrival += (long) (-Math.log(1 - arrivals.nextDouble()) / rate * 1e9);
                    long wait = nextArrival - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                slots.acquire();
                CallerScript script = profile.toBuilder().callerId(String.format("06%08d", i % 100_000_000)).build();
                // Transcripts are not kept: a long run must not hold every call in memory.
                simulator.call(server, script)
                        .orTimeout(callTimeoutSeconds, TimeUnit.SECONDS)
                        .handle((transcript, error) -> {
                            if (error != null) {
                                report.failed(error instanceof TimeoutException ? "still open" : error.toString());
                            } else {
                                report.record(transcript);
                            }
                            slots.release();
                            return null;
                        });
            }
            slots.acquire(concurrency); // every call has ended
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.print(report.summary(calls, concurrency, seconds));
        return report.failedCount() == 0 ? 0 : 1;
    }

    private CallerScript profile() {
        CallerScript.Builder builder = CallerScript.builder().script(script).language(language)
                .arguments(arguments.toArray(String[]::new));
        for (String step : keys) {
            builder.input(step.equals("-") ? CallerInput.silence() : CallerInput.keys(step));
        }
        if (hangupAfterMillis != null) {
            builder.hangUpAfter(Duration.ofMillis(hangupAfterMillis));
        } else if (hangupDuringInput != null) {
            builder.hangUp(new HangupPlan.DuringInput(hangupDuringInput, Duration.ofMillis(500)));
        }
        return builder.build();
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
