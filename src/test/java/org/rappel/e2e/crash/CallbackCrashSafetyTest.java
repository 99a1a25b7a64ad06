package org.rappel.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.DialApplication;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.sim.ami.AmiEventTap;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.AnswerPolicies.Durations;

/**
 * Issue 4's crash-safety acceptance: Rappel runs as a separate JVM and takes callback requests from a crowd of
 * simulated citizens; it is killed with SIGKILL at seeded random moments, {@value #KILLS} times, and restarted on
 * the same data with the same node id. Right after each kill, with the server dead, every callback whose
 * confirmation was played must be in the store (pending, claimed, dialing or done). Then agents take every
 * callback: at the end each promise is done, none was dialed twice (Asterisk's own view, from its AMI events), and
 * no number has two callbacks for one service. The same on PostgreSQL when {@code RAPPEL_TEST_PG_URL} names one.
 *
 * <p>"Dialed twice" is judged by {@link OriginateLog}: two calls of one callback up at once, or a call after one
 * that was answered and reached the server, are faults. Two cases are counted and reported instead: a call after an
 * answer whose AGI found the server dead (the citizen heard only a hang-up), and a call after an answer the server
 * died before recording (on restart it records that attempt as of unknown outcome and retries after the back-off:
 * the dialer's documented choice of never losing a promise over never calling twice).
 *
 * <p>Asterisk is the simulator (FastAGI callers with times scaled by {@value #SCALE}, AMI with agents and citizens
 * who answer); Rappel's own timers run in real time. The seed ({@code -Drappel.crash.seed=N} to change it) fixes
 * every decision: arrivals, kill moments, answers; the machine fixes their timing.
 */
class CallbackCrashSafetyTest {
    private static final long SEED = Long.getLong("rappel.crash.seed", 4_2026_11_26L);
    private static final int KILLS = 5;
    private static final int AGENTS = 10;
    private static final double SCALE = 0.05;
    private static final String AMI_SECRET = "sim-secret";
    /** The web portal's bearer token; the config holds only its SHA-256. */
    private static final String PORTAL_TOKEN = "crash-test-portal-token-0123456789";
    /**
     * An agent's conversation while citizens are still calling (3 s), then while the backlog is cleared (0.3 s).
     * Dial runs on the caller's simulated time, so these are scaled by {@link #SCALE}.
     */
    private static final Duration TALK_UNDER_LOAD = Duration.ofSeconds(60);
    private static final Duration TALK_AT_THE_END = Duration.ofSeconds(6);
    private static final String PG_URL = "RAPPEL_TEST_PG_URL";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void sqlite_killedUnderLoad_everyPromiseKeptAndNoneDialedTwice() throws Exception {
        Path node = dir.resolve("node");
        run("sqlite", """
                store:
                  type: sqlite
                  data-dir: data
                """, Map.of(), StoreSnapshot.Source.sqlite(node.resolve("data").resolve("callbacks.db")));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = PG_URL, matches = ".+", disabledReason = "no PostgreSQL given: set "
            + "RAPPEL_TEST_PG_URL (and RAPPEL_TEST_PG_USER, RAPPEL_TEST_PG_PASSWORD); .ci/run always does")
    void postgres_killedUnderLoad_everyPromiseKeptAndNoneDialedTwice() throws Exception {
        String url = System.getenv(PG_URL);
        String user = System.getenv().getOrDefault("RAPPEL_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("RAPPEL_TEST_PG_PASSWORD", "");
        emptyPostgres(url, user, password);
        run("postgresql", """
                store:
                  type: postgresql
                  url: "%s"
                  user: "%s"
                """.formatted(url, user), Map.of("RAPPEL_STORE_PASSWORD", password),
                StoreSnapshot.Source.postgres(url, user, password));
    }

    private void run(String label, String storeYaml, Map<String, String> storeEnv, StoreSnapshot.Source store)
            throws Exception {
        Random random = new Random(SEED);
        System.out.printf("crash-safety [%s]: seed %d (-Drappel.crash.seed=%d to replay)%n", label, SEED, SEED);
        List<String> kills = new ArrayList<>();
        AmiSimulator ami = AmiSimulator.start(AmiSimulator.Options.defaults().withSeed(SEED)
                .withCredentials("rappel", AMI_SECRET)
                .withPolicy(AnswerPolicies.answer(Durations.uniform(Duration.ofMillis(200), Duration.ofMillis(800)),
                        Durations.fixed(Duration.ofMinutes(5)))));
        agentsTalk(ami, TALK_UNDER_LOAD);
        Map<String, String> env = new HashMap<>(storeEnv);
        env.put("RAPPEL_AMI_SECRET", AMI_SECRET);
        RappelNode node = new RappelNode(dir.resolve("node"), config(ami.port()) + storeYaml, env);
        AgiSimulator simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(SCALE));
        DialApplication.register(simulator, ami.dialer());
        CitizenPhones phones = new CitizenPhones(ami, simulator, node.agiAddress());
        ami.setHooks(phones);
        CallerCrowd crowd = new CallerCrowd(simulator, node.agiAddress(), () -> node.runs().size(),
                random.nextLong(), Duration.ofMillis(150));
        WebPortal portal = new WebPortal(node.uri("/api/callbacks"), PORTAL_TOKEN, () -> node.runs().size(),
                random.nextLong(), Duration.ofMillis(500));
        try (AmiEventTap tap = new AmiEventTap(ami.port(), "rappel", AMI_SECRET)) {
            await().atMost(Duration.ofSeconds(10)).until(tap::loggedIn);
            node.start();
            awaitAmiLogin(ami);
            crowd.start();
            portal.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                long delay = 1500 + random.nextInt(2500);
                Thread.sleep(delay); // the random moment of the crash: the seed's, not a synchronisation
                int run = node.runs().size();
                assertThat(node.kill()).as("run %d killed by SIGKILL", run).isEqualTo(RappelProcess.KILLED);
                await("calls of run " + run + " cut").atMost(Duration.ofSeconds(30))
                        .until(() -> crowd.inFlightOfRun(run) == 0 && portal.inFlightOfRun(run) == 0);
                StoreSnapshot afterCrash = store.read();
                List<Promise> promised = promises(crowd, portal);
                kills.add("kill " + kill + " after " + delay + " ms of run " + run + ": " + promised.size()
                        + " promises so far, store " + afterCrash.countByState());
                assertThat(Verdict.unkeptPromises(promised, afterCrash, StoreSnapshot.KEPT))
                        .as("promises lost by the crash of run %d", run).isEmpty();
                assertThat(Verdict.duplicates(afterCrash)).as("duplicates after the crash of run %d", run).isEmpty();
                node.start();
                awaitAmiLogin(ami);
            }
            Thread.sleep(1000 + random.nextInt(2000)); // the last run takes calls a while longer
            crowd.stopArrivals();
            portal.stopArrivals();
            await("every citizen off the phone and the portal").atMost(Duration.ofSeconds(60))
                    .until(() -> crowd.idle() && portal.idle());

            agentsTalk(ami, TALK_AT_THE_END);
            List<Promise> promises = promises(crowd, portal);
            await("every promised callback done").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Verdict.unkeptPromises(promises, store.read(), List.of("DONE")).isEmpty());
            await("no call left up").atMost(Duration.ofSeconds(30)).until(() -> ami.activeChannels() == 0);

            StoreSnapshot end = store.read();
            OriginateLog dials = OriginateLog.of(tap.events(), phones::reachedServer, end::hasUnknownOutcome);
            report(label, node, crowd, portal, phones, end, dials, kills);
            assertThat(crowd.promises()).as("promises made on the phone (the test proves nothing without them)")
                    .hasSizeGreaterThan(40);
            assertThat(portal.promises()).as("promises made on the web").hasSizeGreaterThan(5);
            assertThat(promises.stream().map(Promise::run).distinct().count())
                    .as("runs that made promises").isGreaterThan(KILLS / 2);
            assertThat(dials.doubleDials()).as("double dials").isEmpty();
            assertThat(Verdict.duplicates(end)).as("two callbacks for one number and service").isEmpty();
            assertThat(Verdict.doneWithoutAnswer(end, dials)).as("done in the store, never answered").isEmpty();
            assertThat(node.current().isAlive()).as("the last run is still up").isTrue();
        } catch (Throwable failure) {
            throw new AssertionError(failure.getMessage() + "\n" + String.join("\n", kills) + "\n" + crowd.figures()
                    + "\n" + portal.figures()
                    + "\nsample transcript:\n" + String.join("\n---\n", crowd.sampleTranscripts()) + "\n"
                    + node.logs(60), failure);
        } finally {
            crowd.close();
            portal.close();
            node.close();
            phones.close();
            simulator.close();
            ami.close();
        }
    }

    private static String config(int amiPort) {
        StringBuilder agents = new StringBuilder("agents:\n");
        for (int i = 1; i <= AGENTS; i++) {
            agents.append("  agent").append(100 + i).append(": {dial-string: PJSIP/agent").append(100 + i)
                    .append(", skills: {prestations: 1}, wrap-up: 0s, missed-call-pause: 1s}\n");
        }
        return """
                node-id: crash-node
                ami:
                  host: 127.0.0.1
                  port: %d
                  username: rappel
                callback:
                  dial-template: "Local/{number}@citizens"
                  caller-id: '"Rappel" <3230>'
                  context: rappel-callback
                  ring-timeout: 5s
                  max-attempts: 5
                  retry-backoff: 8s
                  calling-hours: always
                api:
                  tokens:
                    portal: {role: portal, sha256: %s}
                services:
                  prestations:
                    callback-mode: customer-first
                    opening-hours: always
                    ring-timeout: 5s
                """.formatted(amiPort, sha256(PORTAL_TOKEN)) + agents;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void agentsTalk(AmiSimulator ami, Duration talk) {
        for (int i = 1; i <= AGENTS; i++) {
            ami.setEndpointPolicy("PJSIP/agent" + (100 + i), AnswerPolicies.answerAfter(Duration.ofSeconds(2), talk));
        }
    }

    private static void awaitAmiLogin(AmiSimulator ami) {
        // the tap and the server
        await("Rappel logged in to AMI").atMost(Duration.ofSeconds(20)).until(() -> ami.loggedInSessions() == 2);
    }

    private static List<Promise> promises(CallerCrowd crowd, WebPortal portal) {
        List<Promise> all = new ArrayList<>(crowd.promises());
        all.addAll(portal.promises());
        return all;
    }

    private static void report(String label, RappelNode node, CallerCrowd crowd, WebPortal portal,
                               CitizenPhones phones,
                               StoreSnapshot end, OriginateLog dials, List<String> kills) {
        List<String> recoveries = node.recoveries().stream()
                .map(r -> "run " + r.run() + " healthy " + r.downtime().toMillis() + " ms after the kill (JVM start "
                        + r.startup().toMillis() + " ms)").toList();
        Map<Long, Long> originatesPerCallback = dials.countByCallback().values().stream()
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        System.out.printf("crash-safety [%s] figures:%n  %s%n  %s%n  %s%n  %s%n  store at the end: %s%n"
                        + "  originates %d (callbacks by number of originates: %s), answered by citizens %d, "
                        + "of which reached Rappel %d, put through to an agent and not cut by a crash %d;"
                        + " redialed after an answer that found Rappel dead %d, after an answer Rappel died before"
                        + " recording %d%n",
                label, String.join("\n  ", kills), String.join("\n  ", recoveries), crowd.figures(), portal.figures(),
                end.countByState(), dials.originates().size(), originatesPerCallback, phones.answered(),
                phones.reachedRappel(), phones.putThrough(), dials.retriesAfterLostAnswers(),
                dials.redialsAfterUnknownOutcome());
    }

    private static void emptyPostgres(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('callback_request') IS NOT NULL THEN "
                    + "TRUNCATE callback_attempt, callback_request CASCADE; END IF; END $$");
        }
    }
}
