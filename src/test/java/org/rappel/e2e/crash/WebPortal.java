package org.rappel.e2e.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Citizens asking for a callback on the web portal: {@code POST /api/callbacks} with a bearer token, each with
 * their own number ({@code +3362…}) and client id. {@code 201 Created} (or {@code 200} with {@code "updated"}, an
 * earlier request of theirs that got through unanswered) is a {@link Promise} with the callback's id. A request
 * that got no answer (server down, connection cut by a crash) or {@code 503} is sent again, up to
 * {@link SeededCitizens#TRIES} times.
 *
 * <p>Arrivals, tries and threads: {@link SeededCitizens} (thread {@code web-portal}).
 */
final class WebPortal extends SeededCitizens<HttpResponse<String>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    /** See {@link SeededCitizens#SeededCitizens} for {@code run}, {@code seed} and {@code meanGap}. */
    WebPortal(URI endpoint, String token, IntSupplier run, long seed, Duration meanGap) {
        super("web-portal", run, seed, meanGap);
        this.endpoint = endpoint;
        this.token = token;
    }

    /** The E.164 number of the {@code n}th web citizen (0-based). */
    static String number(int n) {
        return "+3362" + String.format("%07d", n);
    }

    @Override
    CompletableFuture<HttpResponse<String>> tryOnce(int n) {
        requests.incrementAndGet();
        String body = "{\"service\": \"" + CallerCrowd.SERVICE + "\", \"number\": \"" + number(n)
                + "\", \"language\": \"fr\", \"requestedBy\": \"crash-web-" + n + "\"}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    Verdict ended(int n, int madeIn, HttpResponse<String> response) {
        int status = response == null ? 0 : response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 201 || status == 200) {
            promises.add(new Promise(number(n), CallerCrowd.SERVICE, id(response.body()), "web", madeIn));
            return Verdict.DONE;
        }
        return status == 0 || status == 503 ? Verdict.TRY_AGAIN : Verdict.GIVE_UP;
    }

    private static Optional<String> id(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    String figures() {
        return "web citizens " + citizens.get() + ", requests " + requests.get() + " (by status, 0 = no answer: "
                + new TreeMap<>(statuses) + "), promises " + promises.size() + ", gave up " + gaveUp.get();
    }
}
