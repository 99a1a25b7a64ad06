package org.rappel.callback;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.rappel.callback.WebhookMetrics.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts callback notices to an HTTP webhook (an SMS gateway, a mailer) as JSON ({@link WebhookPayload} says what
 * the body holds and why).
 *
 * <p>Contract, beyond {@link CallbackNotifier}'s ({@link #notify} returns at once, never throws, never changes the
 * callback):
 * <ul>
 * <li>Only the kinds in {@link WebhookSettings#events} are sent.</li>
 * <li>Each POST carries {@code X-Rappel-Signature: sha256=<hex>} (HMAC-SHA256 of the body with the shared secret),
 * {@code Idempotency-Key} and {@code X-Rappel-Event-Id} (the same event id on every retry of a notice),
 * {@code X-Rappel-Event} (the kind) and {@code X-Rappel-Delivery-Attempt} (1, 2, ...).</li>
 * <li>A 2xx is delivered. A network error, a timeout, a 5xx or a 429 is retried after an exponential back-off with
 * jitter (at least a {@code Retry-After} in seconds, capped at {@link WebhookSettings#maxBackoff}), up to
 * {@link WebhookSettings#maxAttempts} POSTs. Any other status (400, 401, 404, a redirect...) is given up at once: the
 * same body would be refused again.</li>
 * <li>At most {@link WebhookSettings#queueCapacity} notices are held (waiting, being sent, waiting for a retry);
 * past that, or after {@link #close}, a notice is dropped, counted and logged (WARN, at most every 10 s): a slow or
 * dead gateway never slows the office down nor grows the heap.</li>
 * <li>Notices live in memory only: those not delivered when the process dies are lost. The callbacks themselves are
 * durable in the store; a notice is a courtesy, the callback call is the promise.</li>
 * <li>{@link #close} refuses new notices and waits up to {@link WebhookSettings#drainTimeout} for the held ones.</li>
 * </ul>
 *
 * <p>Threads: {@link #notify} runs on the caller's thread and only filters, counts and enqueues. POSTs are started
 * by {@code pump} on the worker pool and complete on it (the HTTP client's executor); retries wait on the retry
 * timer. State is lock-free: {@code held} bounds the memory, {@code inFlight} bounds concurrent POSTs, {@code ready}
 * is the queue of deliveries due now. A {@link Delivery} is touched by one thread at a time, handed over through
 * {@code ready} or the timer.
 *
 * <p>Retry decisions: {@link WebhookBackoff}. Metrics ({@link WebhookMetrics}):
 * {@code rappel_callback_notifications_total{kind,result}} (delivered, failed, dropped, retried),
 * {@code rappel_callback_notification_delivery_seconds} (from {@link #notify} to the 2xx, retries included),
 * {@code rappel_callback_notifications_held}. The body holds the citizen's number; logs never do, nor the secret.
 */
public final class WebhookNotifier implements CallbackNotifier, AutoCloseable {

    /** Runs a task after a delay: a scheduled executor in production, whatever the test wants in tests. */
    @FunctionalInterface
    interface RetryTimer {
        void schedule(Duration delay, Runnable task);
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final Duration DROP_WARN_EVERY = Duration.ofSeconds(10);
    private static final String USER_AGENT = "Rappel-Webhook/" + WebhookPayload.VERSION;

    private final WebhookSettings settings;
    private final HttpClient http;
    private final ExecutorService worker;
    private final RetryTimer timer;
    private final Clock clock;
    private final Runnable onClose;

    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Delivery> ready = new ConcurrentLinkedQueue<>();
    private final Set<Delivery> holding = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private final Object drained = new Object();
    private final AtomicLong lastDropWarn = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong droppedSinceWarn = new AtomicLong();

    private final WebhookBackoff backoff;
    private final WebhookMetrics metrics;

    /** Owns its threads (a small pool for HTTP, one timer thread for retries); {@link #close} ends them. */
    public WebhookNotifier(WebhookSettings settings, Clock clock, MeterRegistry registry) {
        this(settings, Executors.newCachedThreadPool(daemon("rappel-webhook")),
                Executors.newSingleThreadScheduledExecutor(daemon("rappel-webhook-retry")), clock, registry);
    }

    private WebhookNotifier(WebhookSettings settings, ExecutorService worker, ScheduledExecutorService retries,
                            Clock clock, MeterRegistry registry) {
        this(settings, client(settings, worker), worker,
                (delay, task) -> retries.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                () -> ThreadLocalRandom.current().nextDouble(), clock, registry,
                () -> {
                    retries.shutdownNow();
                    worker.shutdownNow();
                });
        warnIfPlainHttp(settings);
    }

    /** For tests: the client, pool, timer and jitter are given; {@code onClose} runs last in {@link #close}. */
    WebhookNotifier(WebhookSettings settings, HttpClient http, ExecutorService worker, RetryTimer timer,
                    DoubleSupplier jitter, Clock clock, MeterRegistry registry, Runnable onClose) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.backoff = new WebhookBackoff(settings.firstBackoff(), settings.maxBackoff(),
                Objects.requireNonNull(jitter, "jitter"));
        this.metrics = new WebhookMetrics(registry, held);
    }

    @Override
    public void notify(CallbackNotice notice) {
        try {
            if (!settings.events().contains(notice.kind())) {
                return;
            }
            if (closed.get()) {
                drop(notice, "the notifier is closed");
                return;
            }
            if (!reserve()) {
                drop(notice, "queue full (" + settings.queueCapacity() + " notices held)");
                return;
            }
            Delivery d = new Delivery(notice, clock.instant());
            holding.add(d);
            if (closed.get() && holding.remove(d)) {
                // close() began meanwhile and may have counted what it holds already: this one is ours to drop.
                held.decrementAndGet();
                drop(notice, "the notifier is closed");
                return;
            }
            ready.add(d);
            schedulePump();
        } catch (RuntimeException e) {
            // The contract: never throw into the office. Whatever this was, the notice is lost, not the callback.
            log.warn("webhook: notice {} for callback {} not queued: {}", notice.kind().code(),
                    notice.callback().id(), e.toString());
            count(notice.kind(), Result.DROPPED);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Notices held right now (waiting, being sent, waiting for a retry). */
    int held() {
        return held.get();
    }

    /**
     * Refuses new notices, waits up to {@link WebhookSettings#drainTimeout} for the held ones to be delivered or given
     * up, then drops the rest (counted, logged) and stops the threads.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        synchronized (drained) {
            long left;
            while (held.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        int lost = 0;
        for (Delivery d : holding) {
            if (holding.remove(d)) {
                held.decrementAndGet();
                lost++;
                count(d.notice.kind(), Result.DROPPED);
            }
        }
        if (lost > 0) {
            log.warn("webhook: closed with {} notice(s) undelivered after {} ms; they are lost (the callbacks "
                    + "themselves are stored)", lost, settings.drainTimeout().toMillis());
        }
        onClose.run();
    }

    private boolean reserve() {
        while (true) {
            int n = held.get();
            if (n >= settings.queueCapacity()) {
                return false;
            }
            if (held.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Runs {@link #pump} on the worker pool; one pump task queued at a time, however many notices arrive. */
    private void schedulePump() {
        if (!pumpQueued.compareAndSet(false, true)) {
            return; // the queued pump has not started yet, so it will see what was just added
        }
        try {
            worker.execute(() -> {
                pumpQueued.set(false);
                pump();
            });
        } catch (RejectedExecutionException e) {
            // Only after close() stopped the pool; close() counts what is still held.
            pumpQueued.set(false);
        }
    }

    /** Starts POSTs while some are due and fewer than maxInFlight are under way. Any thread; never blocks. */
    private void pump() {
        while (!ready.isEmpty()) {
            int n = inFlight.get();
            if (n >= settings.maxInFlight()) {
                return; // a POST under way will pump again when it completes
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            Delivery d = ready.poll();
            if (d == null || !holding.contains(d)) {
                // Nothing due after all, or a late retry of a notice close() already gave up.
                inFlight.decrementAndGet();
                continue;
            }
            send(d);
        }
    }

    private void send(Delivery d) {
        d.attempts++;
        CompletableFuture<HttpResponse<Void>> response;
        try {
            WebhookPayload p = d.payload(settings.secret());
            HttpRequest request = HttpRequest.newBuilder(settings.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("X-Rappel-Event", d.notice.kind().code())
                    .header("X-Rappel-Event-Id", p.eventId().toString())
                    .header("Idempotency-Key", p.eventId().toString())
                    .header("X-Rappel-Delivery-Attempt", Integer.toString(d.attempts))
                    .header("X-Rappel-Signature", p.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()))
                    .build();
            response = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        // The request timeout covers the wait for the status line; this also bounds a body that never ends.
        CompletableFuture<HttpResponse<Void>> sent = response;
        sent.copy().orTimeout(settings.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, error) -> {
                    if (error != null && unwrap(error) instanceof TimeoutException) {
                        sent.cancel(true);
                    }
                    inFlight.decrementAndGet();
                    try {
                        finished(d, r, error == null ? null : unwrap(error));
                    } finally {
                        // Through the pool, not inline: a POST that failed at once must not recurse into the next.
                        schedulePump();
                    }
                });
    }

    private void finished(Delivery d, HttpResponse<Void> response, Throwable error) {
        CallbackNotice.Kind kind = d.notice.kind();
        if (error == null && response.statusCode() / 100 == 2) {
            metrics.delivered(kind, Duration.between(d.noticed, clock.instant()));
            log.debug("webhook: {} notice for callback {} delivered (attempt {}, status {})", kind.code(),
                    d.notice.callback().id(), d.attempts, response.statusCode());
            release(d);
            return;
        }
        String reason = error != null ? describe(error) : "status " + response.statusCode();
        boolean retryable = WebhookBackoff.retryable(response, error);
        if (retryable && d.attempts < settings.maxAttempts() && !closed.get()) {
            Duration delay = backoff.after(d.attempts,
                    response == null ? Optional.empty() : WebhookBackoff.retryAfter(response));
            count(kind, Result.RETRIED);
            log.debug("webhook: {} notice for callback {} not delivered (attempt {}: {}), retry in {} ms", kind.code(),
                    d.notice.callback().id(), d.attempts, reason, delay.toMillis());
            timer.schedule(delay, () -> {
                ready.add(d);
                schedulePump();
            });
            return;
        }
        if (retryable && d.attempts < settings.maxAttempts()) {
            // Closing: no new retry, so the drain ends with what can still be delivered.
            count(kind, Result.DROPPED);
            log.warn("webhook: {} notice for callback {} dropped at shutdown after attempt {}: {}", kind.code(),
                    d.notice.callback().id(), d.attempts, reason);
            release(d);
            return;
        }
        count(kind, Result.FAILED);
        log.warn("webhook: {} notice for callback {} given up after {} attempt(s): {}{}", kind.code(),
                d.notice.callback().id(), d.attempts, reason, retryable || error != null ? "" : " (not retried: the gateway refused it)");
        release(d);
    }

    private void release(Delivery d) {
        if (holding.remove(d) && held.decrementAndGet() == 0 && closed.get()) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private void drop(CallbackNotice notice, String why) {
        count(notice.kind(), Result.DROPPED);
        long suppressed = droppedSinceWarn.incrementAndGet();
        long now = clock.millis();
        long last = lastDropWarn.get();
        if ((last == Long.MIN_VALUE || now - last >= DROP_WARN_EVERY.toMillis()) && lastDropWarn.compareAndSet(last, now)) {
            droppedSinceWarn.addAndGet(-suppressed);
            log.warn("webhook: {} notice for callback {} dropped: {} ({} dropped since the last warning)",
                    notice.kind().code(), notice.callback().id(), why, suppressed);
        }
    }

    private void count(CallbackNotice.Kind kind, Result result) {
        metrics.count(kind, result);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String describe(Throwable error) {
        if (error instanceof HttpTimeoutException || error instanceof TimeoutException) {
            return "timeout";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static HttpClient client(WebhookSettings settings, ExecutorService worker) {
        // HTTP/1.1: over plain http the client would otherwise try an h2c upgrade on a POST, which gateways handle
        // badly; redirects are not followed, so the number is never sent anywhere but the configured url.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .executor(worker)
                .build();
    }

    private static void warnIfPlainHttp(WebhookSettings settings) {
        if (!settings.url().getScheme().equalsIgnoreCase("http")) {
            return;
        }
        // No DNS look-up here (it may block the start): a name other than localhost counts as remote.
        String host = settings.url().getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!loopback) {
            log.warn("webhook: {} is plain http to another host: citizens' numbers cross the network unencrypted; "
                    + "use https", settings.loggableUrl());
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One notice on its way; its fields are touched by one thread at a time (see the class comment). */
    private static final class Delivery {
        final CallbackNotice notice;
        final Instant noticed;
        int attempts;
        private WebhookPayload payload;

        Delivery(CallbackNotice notice, Instant noticed) {
            this.notice = notice;
            this.noticed = noticed;
        }

        /** Built on the first POST (off the caller's thread), the same bytes and id for every retry. */
        WebhookPayload payload(String secret) {
            if (payload == null) {
                payload = WebhookPayload.of(notice, secret);
            }
            return payload;
        }
    }
}
