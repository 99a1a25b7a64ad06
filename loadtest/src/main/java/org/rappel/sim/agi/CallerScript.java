package org.rappel.sim.agi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scripted call: how Asterisk reaches the FastAGI server ({@code AGI(agi://host:port/<script>,args…)}
 * from {@code context,extension,priority}), what the channel is (caller id, language, variables set before
 * AGI()), and what the caller does: keys at each input opportunity, keys at fixed times, when to hang up.
 * Immutable; build with {@link #builder()}.
 *
 * @param script           the URL path after the port, query kept: {@code hotline}, {@code dtmf?from=x}
 * @param arguments        the AGI() arguments after the URL: {@code agi_arg_1} …
 * @param channelVariables variables set in the dialplan before AGI(), e.g. {@code AGISIGHUP=no}
 * @param answered         whether the dialplan answered before AGI() (CHANNEL STATUS 6, else 4 until ANSWER)
 * @param timedKeys        keys pressed at fixed times after the connection opened, whatever is going on
 */
public record CallerScript(String script, List<String> arguments, Optional<String> callerId,
                           Optional<String> callerIdName, Optional<String> dnid, String language, String context,
                           String extension, int priority, String accountCode, boolean answered,
                           Map<String, String> channelVariables, List<CallerInput> inputs,
                           Optional<HangupPlan> hangup, List<TimedKey> timedKeys) {

    /** A key pressed {@code at} a time after the connection opened (scaled). */
    public record TimedKey(Duration at, char key) {
    }

    public CallerScript {
        arguments = List.copyOf(arguments);
        channelVariables = Map.copyOf(channelVariables);
        inputs = List.copyOf(inputs);
        timedKeys = List.copyOf(timedKeys);
        for (String value : arguments) {
            if (value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an AGI argument cannot hold a line break");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.script = script;
        b.arguments = new ArrayList<>(arguments);
        b.callerId = callerId;
        b.callerIdName = callerIdName;
        b.dnid = dnid;
        b.language = language;
        b.context = context;
        b.extension = extension;
        b.priority = priority;
        b.accountCode = accountCode;
        b.answered = answered;
        b.channelVariables = new LinkedHashMap<>(channelVariables);
        b.inputs = new ArrayList<>(inputs);
        b.hangup = hangup;
        b.timedKeys = new ArrayList<>(timedKeys);
        return b;
    }

    /** Not thread-safe; one builder per script. */
    public static final class Builder {
        private String script = "hotline";
        private List<String> arguments = new ArrayList<>();
        private Optional<String> callerId = Optional.empty();
        private Optional<String> callerIdName = Optional.empty();
        private Optional<String> dnid = Optional.empty();
        private String language = "en";
        private String context = "hotline";
        private String extension = "s";
        private int priority = 2;
        private String accountCode = "";
        private boolean answered = true;
        private Map<String, String> channelVariables = new LinkedHashMap<>();
        private List<CallerInput> inputs = new ArrayList<>();
        private Optional<HangupPlan> hangup = Optional.empty();
        private List<TimedKey> timedKeys = new ArrayList<>();

        private Builder() {
        }

        public Builder script(String path) {
            this.script = path;
            return this;
        }

        public Builder arguments(String... values) {
            this.arguments = new ArrayList<>(List.of(values));
            return this;
        }

        public Builder callerId(String number) {
            this.callerId = Optional.of(number);
            return this;
        }

        public Builder callerIdName(String name) {
            this.callerIdName = Optional.of(name);
            return this;
        }

        public Builder dnid(String number) {
            this.dnid = Optional.of(number);
            return this;
        }

        public Builder language(String code) {
            this.language = code;
            return this;
        }

        public Builder dialplan(String atContext, String atExtension, int atPriority) {
            this.context = atContext;
            this.extension = atExtension;
            this.priority = atPriority;
            return this;
        }

        public Builder accountCode(String code) {
            this.accountCode = code;
            return this;
        }

        public Builder answered(boolean up) {
            this.answered = up;
            return this;
        }

        public Builder channelVariable(String name, String value) {
            this.channelVariables.put(name, value);
            return this;
        }

        public Builder inputs(CallerInput... steps) {
            this.inputs = new ArrayList<>(List.of(steps));
            return this;
        }

        public Builder input(CallerInput step) {
            this.inputs.add(step);
            return this;
        }

        public Builder hangUp(HangupPlan plan) {
            this.hangup = Optional.of(plan);
            return this;
        }

        public Builder hangUpAfter(Duration after) {
            return hangUp(new HangupPlan.After(after));
        }

        public Builder keyAt(Duration at, char key) {
            this.timedKeys.add(new TimedKey(at, key));
            return this;
        }

        public CallerScript build() {
            return new CallerScript(script, arguments, callerId, callerIdName, dnid, language, context, extension,
                    priority, accountCode, answered, channelVariables, inputs, hangup, timedKeys);
        }
    }
}
