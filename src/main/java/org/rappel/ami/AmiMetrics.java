package org.rappel.ami;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one AMI connection, tagged {@code asterisk=host:port} so that several connections share the
 * names. Counters with variable tags are cached; the caches are touched only on the connection's event loop.
 */
final class AmiMetrics {
    private final MeterRegistry registry;
    private final Tags base;
    private final AtomicInteger connected = new AtomicInteger();
    private final Counter reconnects;
    private final Counter malformed;
    private final Counter loginRefused;
    private final Map<String, Counter> actions = new HashMap<>();
    private final Map<String, Counter> events = new HashMap<>();

    AmiMetrics(MeterRegistry registry, String asterisk) {
        this.registry = registry;
        this.base = Tags.of("asterisk", asterisk);
        registry.gauge("rappel.ami.connected", base, connected);
        reconnects = Counter.builder("rappel.ami.reconnects").description("AMI reconnect attempts").tags(base)
                .register(registry);
        malformed = Counter.builder("rappel.ami.malformed").description("AMI messages skipped as malformed")
                .tags(base).register(registry);
        loginRefused = Counter.builder("rappel.ami.login.refused").description("AMI logins Asterisk refused")
                .tags(base).register(registry);
    }

    void connected(boolean up) {
        connected.set(up ? 1 : 0);
    }

    void reconnect() {
        reconnects.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void loginRefused() {
        loginRefused.increment();
    }

    /** {@code outcome}: success, error, goodbye, timeout, disconnected, not_connected. */
    void action(String action, String outcome) {
        actions.computeIfAbsent(action + '\0' + outcome, k -> Counter.builder("rappel.ami.actions")
                .description("AMI actions by outcome").tags(base).tag("action", action).tag("outcome", outcome)
                .register(registry)).increment();
    }

    void event(String event) {
        events.computeIfAbsent(event, k -> Counter.builder("rappel.ami.events").description("AMI events received")
                .tags(base).tag("event", event).register(registry)).increment();
    }
}
