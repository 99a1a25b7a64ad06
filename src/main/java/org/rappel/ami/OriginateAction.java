package org.rappel.ami;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Originate}: Asterisk calls {@code channel} and, once answered, runs either a dialplan location
 * ({@link #toExtension}) or an application ({@link #toApplication}). Asynchronous by default: Asterisk answers
 * {@code Originate successfully queued} at once and reports the outcome later in an {@link OriginateResponseEvent}
 * with the same ActionID. {@code Variable:} headers are set on the new channel, not echoed back.
 *
 * @param timeout how long it may ring ({@code Timeout}, ms; Asterisk's default 30 s when absent)
 */
public record OriginateAction(
        String channel,
        Optional<String> context,
        Optional<String> exten,
        Optional<Integer> priority,
        Optional<String> application,
        Optional<String> data,
        Optional<String> callerId,
        Optional<Duration> timeout,
        Map<String, String> variables,
        boolean async) implements AmiAction {

    public OriginateAction {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        if (context.isPresent() == application.isPresent()) {
            throw new IllegalArgumentException("Originate needs either a context/exten or an application");
        }
    }

    public static OriginateAction toExtension(String channel, String context, String exten, int priority) {
        return new OriginateAction(channel, Optional.of(context), Optional.of(exten), Optional.of(priority),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), true);
    }

    public static OriginateAction toApplication(String channel, String application, String data) {
        return new OriginateAction(channel, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(application), Optional.of(data), Optional.empty(), Optional.empty(), Map.of(), true);
    }

    /** {@code "Name" <number>} or a bare number. */
    public OriginateAction withCallerId(String callerIdHeader) {
        return new OriginateAction(channel, context, exten, priority, application, data, Optional.of(callerIdHeader),
                timeout, variables, async);
    }

    public OriginateAction withTimeout(Duration ringTimeout) {
        return new OriginateAction(channel, context, exten, priority, application, data, callerId,
                Optional.of(ringTimeout), variables, async);
    }

    public OriginateAction withVariable(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(variables);
        more.put(name, value);
        return new OriginateAction(channel, context, exten, priority, application, data, callerId, timeout, more,
                async);
    }

    /** Synchronous: the response waits for the answer (or failure) and no OriginateResponse event follows. */
    public OriginateAction synchronous() {
        return new OriginateAction(channel, context, exten, priority, application, data, callerId, timeout, variables,
                false);
    }

    @Override
    public String name() {
        return "Originate";
    }

    @Override
    public List<AmiHeader> fields() {
        List<AmiHeader> f = new ArrayList<>();
        f.add(new AmiHeader("Channel", channel));
        context.ifPresent(v -> f.add(new AmiHeader("Context", v)));
        exten.ifPresent(v -> f.add(new AmiHeader("Exten", v)));
        priority.ifPresent(v -> f.add(new AmiHeader("Priority", v.toString())));
        application.ifPresent(v -> f.add(new AmiHeader("Application", v)));
        data.ifPresent(v -> f.add(new AmiHeader("Data", v)));
        callerId.ifPresent(v -> f.add(new AmiHeader("CallerID", v)));
        timeout.ifPresent(v -> f.add(new AmiHeader("Timeout", Long.toString(v.toMillis()))));
        variables.forEach((k, v) -> f.add(new AmiHeader("Variable", k + "=" + v)));
        if (async) {
            f.add(new AmiHeader("Async", "true"));
        }
        return f;
    }
}
