package org.rappel.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The FastAGI server's meters, in Prometheus form: {@code rappel_agi_sessions_active},
 * {@code rappel_agi_sessions_total}, {@code rappel_agi_commands_total{verb}},
 * {@code rappel_agi_command_duration_seconds{verb}} (histogram), {@code rappel_agi_protocol_errors_total{kind}},
 * {@code rappel_agi_connections_refused_total}, {@code rappel_agi_script_failures_total}. Tags never carry a
 * phone number: {@code verb} is the command's verb, chosen by code. Thread-safe; called from every event loop.
 */
final class AgiMetrics {
    private final MeterRegistry registry;
    private final Gauge active;
    private final AtomicInteger activeSessions = new AtomicInteger();
    private final Counter sessions;
    private final Counter refused;
    private final Counter scriptFailures;
    private final Map<AgiProtocolError, Counter> protocolErrors = new EnumMap<>(AgiProtocolError.class);
    private final Map<String, Counter> commands = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    AgiMetrics(MeterRegistry registry) {
        this.registry = registry;
        active = Gauge.builder("rappel.agi.sessions.active", activeSessions, AtomicInteger::get)
                .description("FastAGI sessions running a script")
                .register(registry);
        sessions = Counter.builder("rappel.agi.sessions")
                .description("FastAGI sessions started (environment received, script found)")
                .register(registry);
        refused = Counter.builder("rappel.agi.connections.refused")
                .description("FastAGI connections closed at once: address outside allowedNetworks")
                .register(registry);
        scriptFailures = Counter.builder("rappel.agi.script.failures")
                .description("AGI scripts that threw or whose stage failed")
                .register(registry);
        for (AgiProtocolError error : AgiProtocolError.values()) {
            protocolErrors.put(error, Counter.builder("rappel.agi.protocol.errors")
                    .description("FastAGI connections closed for bad input, by kind")
                    .tag("kind", error.kind())
                    .register(registry));
        }
    }

    void sessionStarted() {
        activeSessions.incrementAndGet();
        sessions.increment();
    }

    void sessionEnded() {
        activeSessions.decrementAndGet();
    }

    int activeSessions() {
        return activeSessions.get();
    }

    void commandSent(String verb) {
        commands.computeIfAbsent(verb, v -> Counter.builder("rappel.agi.commands")
                .description("AGI commands written to Asterisk, by verb")
                .tag("verb", v)
                .register(registry)).increment();
    }

    void commandAnswered(String verb, long nanos) {
        durations.computeIfAbsent(verb, v -> Timer.builder("rappel.agi.command.duration")
                .description("Time from writing an AGI command to its reply, by verb")
                .tag("verb", v)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                // EXEC Dial blocks for a whole conversation.
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void protocolError(AgiProtocolError error) {
        protocolErrors.get(error).increment();
    }

    void connectionRefused() {
        refused.increment();
    }

    void scriptFailed() {
        scriptFailures.increment();
    }

    /**
     * Unregisters the gauge, which reads this server's own count: a later server on the same registry then
     * registers its own instead of having its registration ignored.
     */
    void close() {
        registry.remove(active);
    }
}
