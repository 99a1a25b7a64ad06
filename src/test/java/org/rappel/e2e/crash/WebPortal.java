package org.rappel.e2e.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Citizens asking for a callback on the web portal: {@code POST /api/callbacks} with a bearer token, each with
 * their own number ({@code +3362…}) and client id. {@code 201 Created} (or {@code 200} with {@code "updated"}, an
 * earlier request of theirs that got through unanswered) is a {@link Promise} with the callback's id. A request
 * that got no answer (server down, connection cut by a crash) or {@code 503} is sent again, up to
 * {@link CallerCrowd#TRIES} times.
 *
 * <p>Threads: one scheduler thread, {@code web-portal}, owns the random source and sends every request; answers
 * hop back onto it. Figures and promises are read from any thread.
 */
final class WebPortal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String token;
    private final IntSupplier run;
    private final Random random;
    private final Duration meanGap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "web-portal");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Promise> promises = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> inFlightByRun = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retriesPending = new AtomicInteger();
    private final AtomicInteger citizens = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private volatile boolean arriving;

    WebPortal(URI endpoint, String token, IntSupplier run, long seed, Duration meanGap) {
        this.endpoint = endpoint;
        this.token = token;
        this.run = run;
        this.random = new Random(seed);
        this.meanGap = meanGap;
    }

    /** The E.164 number of the {@code n}th web citizen (0-based). */
    static String number(int n) {
        return "+3362" + String.format("%07d", n);
    }

    void start() {
        arriving = true;
        owner.execute(this::arrive);
    }

    void stopArrivals() {
        arriving = false;
    }

    private void arrive() {
        if (!arriving) {
            return;
        }
        int n = citizens.getAndIncrement();
        send(n, 1);
        long gap = Math.round(-Math.log(1 - random.nextDouble()) * meanGap.toMillis());
        owner.schedule(this::arrive, gap, TimeUnit.MILLISECONDS);
    }

    private void send(int n, int attempt) {
        int madeIn = run.getAsInt();
        AtomicInteger ofRun = inFlightByRun.computeIfAbsent(madeIn, r -> new AtomicInteger());
        ofRun.incrementAndGet();
        inFlight.incrementAndGet();
        requests.incrementAndGet();
        String body = "{\"service\": \"" + CallerCrowd.SERVICE + "\", \"number\": \"" + number(n)
                + "\", \"language\": \"fr\", \"requestedBy\": \"crash-web-" + n + "\"}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenCompleteAsync((response, error) -> {
            try {
                answered(n, attempt, madeIn, response);
            } finally {
                ofRun.decrementAndGet();
                inFlight.decrementAndGet();
            }
        }, owner);
    }

    private void answered(int n, int attempt, int madeIn, HttpResponse<String> response) {
        int status = response == null ? 0 : response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 201 || status == 200) {
            promises.add(new Promise(number(n), CallerCrowd.SERVICE, id(response.body()), "web", madeIn));
            return;
        }
        if ((status != 0 && status != 503) || attempt >= CallerCrowd.TRIES) {
            gaveUp.incrementAndGet();
            return;
        }
        retriesPending.incrementAndGet();
        owner.schedule(() -> {
            retriesPending.decrementAndGet();
            send(n, attempt + 1);
        }, 300 + random.nextInt(1200), TimeUnit.MILLISECONDS);
    }

    private static Optional<String> id(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean idle() {
        return !arriving && inFlight.get() == 0 && retriesPending.get() == 0;
    }

    int inFlightOfRun(int n) {
        AtomicInteger count = inFlightByRun.get(n);
        return count == null ? 0 : count.get();
    }

    List<Promise> promises() {
        return List.copyOf(promises);
    }

    String figures() {
        return "web citizens " + citizens.get() + ", requests " + requests.get() + " (by status, 0 = no answer: "
                + new java.util.TreeMap<>(statuses) + "), promises " + promises.size() + ", gave up " + gaveUp.get();
    }

    @Override
    public void close() {
        arriving = false;
        owner.shutdownNow();
    }
}
