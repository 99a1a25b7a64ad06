package org.rappel.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rappel.agi.AgiCommand;

/**
 * One node of a hotline's flow, as declared in a flow file: an immutable definition, shared by every call.
 *
 * <p>{@link #enter} starts a visit of the node for one call and returns its first {@link Step}; whatever a visit
 * must remember (tries so far) lives in the objects it creates, never in the node. {@link #routes()} lists the
 * nodes a visit may go on to, for the checks at load; {@link #endsFlow()} is true for the nodes that hand the call
 * away (hang-up, transfer, enqueue).
 */
sealed interface FlowNode {

    String name();

    /** The line of the node's name in its flow file. */
    int line();

    List<Route> routes();

    default boolean endsFlow() {
        return false;
    }

    /** The flow variables the node reads (they must be stored by some collect node, or be {@code language}). */
    default List<Operand> reads() {
        return List.of();
    }

    Step enter(CallState call);

    /** Plays sounds; {@code interruptible}: any key skips the rest (the key itself is not kept). */
    record Prompt(String name, int line, List<String> sounds, boolean interruptible, Route next)
            implements FlowNode {
        public Prompt {
            sounds = List.copyOf(sounds);
        }

        @Override
        public List<Route> routes() {
            return List.of(next);
        }

        @Override
        public Step enter(CallState call) {
            return Step.play(sounds, interruptible ? Step.ALL_KEYS : "", key -> new Step.Next(next.target()));
        }
    }

    /** Lets the caller pick a language by key; sets {@code CHANNEL(language)} so Asterisk plays its sounds. */
    record LanguageChoice(String name, int line, List<String> prompt, Duration timeout, int tries,
                          List<String> invalidPrompt, Map<Character, String> languages, String defaultLanguage,
                          Route next) implements FlowNode {
        public LanguageChoice {
            prompt = List.copyOf(prompt);
            invalidPrompt = List.copyOf(invalidPrompt);
            languages = Collections.unmodifiableMap(new LinkedHashMap<>(languages));
        }

        @Override
        public List<Route> routes() {
            return List.of(next);
        }

        @Override
        public Step enter(CallState call) {
            KeyChoice.Routing routing = new KeyChoice.Routing() {
                @Override
                public Optional<Step> chosen(char key) {
                    return Optional.ofNullable(languages.get(key)).map(language -> choose(call, language));
                }

                @Override
                public Optional<Step> timedOut() {
                    return Optional.of(choose(call, defaultLanguage));
                }

                @Override
                public Step failed() {
                    return choose(call, defaultLanguage);
                }
            };
            return new KeyChoice(name, prompt, timeout, tries, invalidPrompt, call, routing).start();
        }

        private Step choose(CallState call, String language) {
            return new Step.Send(AgiCommand.setVariable("CHANNEL(language)", language), reply -> {
                call.variables().put(CallState.LANGUAGE, language);
                return new Step.Next(next.target());
            });
        }
    }

    /**
     * A DTMF menu: one key per choice. A key outside the menu plays {@code invalidPrompt} and asks again; a timeout
     * goes to {@code onTimeout} if set, else counts as a failed try; after {@code tries} failed tries, {@code onFailure}.
     */
    record Menu(String name, int line, List<String> prompt, Duration timeout, int tries, List<String> invalidPrompt,
                Map<Character, Route> choices, Optional<Route> onTimeout, Route onFailure) implements FlowNode {
        public Menu {
            prompt = List.copyOf(prompt);
            invalidPrompt = List.copyOf(invalidPrompt);
            choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
        }

        @Override
        public List<Route> routes() {
            List<Route> routes = new ArrayList<>(choices.values());
            onTimeout.ifPresent(routes::add);
            routes.add(onFailure);
            return routes;
        }

        @Override
        public Step enter(CallState call) {
            KeyChoice.Routing routing = new KeyChoice.Routing() {
                @Override
                public Optional<Step> chosen(char key) {
                    return Optional.ofNullable(choices.get(key)).map(route -> new Step.Next(route.target()));
                }

                @Override
                public Optional<Step> timedOut() {
                    return onTimeout.map(route -> new Step.Next(route.target()));
                }

                @Override
                public Step failed() {
                    return new Step.Next(onFailure.target());
                }
            };
            return new KeyChoice(name, prompt, timeout, tries, invalidPrompt, call, routing).start();
        }
    }

    /** Collects several digits into a flow variable, checked for length and {@code pattern}. */
    record Collect(String name, int line, List<String> prompt, Duration timeout, int minDigits, int maxDigits,
                   Pattern pattern, String into, int tries, List<String> invalidPrompt, Route next,
                   Route onFailure) implements FlowNode {
        public Collect {
            prompt = List.copyOf(prompt);
            invalidPrompt = List.copyOf(invalidPrompt);
        }

        @Override
        public List<Route> routes() {
            return List.of(next, onFailure);
        }

        @Override
        public Step enter(CallState call) {
            return new CollectDigits(this, call).start();
        }
    }

    /** {@code SAY NUMBER} ({@code digits} false) or {@code SAY DIGITS} of a literal or a flow variable. */
    record Say(String name, int line, boolean digits, Operand value, Route next) implements FlowNode {
        private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");
        private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,64}");

        @Override
        public List<Route> routes() {
            return List.of(next);
        }

        @Override
        public List<Operand> reads() {
            return value.variable() ? List.of(value) : List.of();
        }

        static boolean valid(boolean digits, String value) {
            return (digits ? DIGITS : NUMBER).matcher(value).matches();
        }

        @Override
        public Step enter(CallState call) {
            Optional<String> text = value.resolve(call.variables()).filter(v -> valid(digits, v));
            if (text.isEmpty()) {
                call.nodeError(name, "variable_missing");
                return new Step.Next(next.target());
            }
            AgiCommand command = digits ? AgiCommand.sayDigits(text.get(), "")
                    : AgiCommand.sayNumber(Long.parseLong(text.get()), "");
            return new Step.Send(command, reply -> new Step.Next(next.target()));
        }
    }

    /** {@code SET VARIABLE} of a channel variable (for the dialplan, CDR, the agent's screen). */
    record SetVariable(String name, int line, String variable, Operand value, Route next) implements FlowNode {
        @Override
        public List<Route> routes() {
            return List.of(next);
        }

        @Override
        public List<Operand> reads() {
            return value.variable() ? List.of(value) : List.of();
        }

        @Override
        public Step enter(CallState call) {
            Optional<String> text = value.resolve(call.variables());
            if (text.isEmpty()) {
                call.nodeError(name, "variable_missing");
                return new Step.Next(next.target());
            }
            return new Step.Send(AgiCommand.setVariable(variable, text.get()), reply -> new Step.Next(next.target()));
        }
    }

    /** Sends the call on in the dialplan: {@code SET CONTEXT/EXTENSION/PRIORITY}, then the AGI ends. */
    record Transfer(String name, int line, List<String> prompt, String context, String extension, String priority)
            implements FlowNode {
        public Transfer {
            prompt = List.copyOf(prompt);
        }

        @Override
        public List<Route> routes() {
            return List.of();
        }

        @Override
        public boolean endsFlow() {
            return true;
        }

        @Override
        public Step enter(CallState call) {
            return Step.play(prompt, "", key ->
                    new Step.Send(AgiCommand.setContext(context), r1 ->
                            new Step.Send(AgiCommand.setExtension(extension), r2 ->
                                    new Step.Send(AgiCommand.setPriority(priority), r3 ->
                                            new Step.End(FlowOutcome.TRANSFERRED)))));
        }
    }

    /** Plays an optional goodbye, then hangs up. */
    record Hangup(String name, int line, List<String> prompt) implements FlowNode {
        public Hangup {
            prompt = List.copyOf(prompt);
        }

        @Override
        public List<Route> routes() {
            return List.of();
        }

        @Override
        public boolean endsFlow() {
            return true;
        }

        @Override
        public Step enter(CallState call) {
            return Step.play(prompt, "", key ->
                    new Step.Send(AgiCommand.hangup(), reply -> new Step.End(FlowOutcome.HUNG_UP)));
        }
    }

    /**
     * If the caller's number has a callback pending, offers to cancel it ({@link PendingCallbacks}); then
     * {@code next}. Without a callback office, an unknown caller id or nothing pending: straight to {@code next}.
     */
    record CallbackStatus(String name, int line, List<String> prompt, List<String> cancelledPrompt,
                          Duration timeout, Route next) implements FlowNode {
        public CallbackStatus {
            prompt = List.copyOf(prompt);
            cancelledPrompt = List.copyOf(cancelledPrompt);
        }

        @Override
        public List<Route> routes() {
            return List.of(next);
        }

        @Override
        public Step enter(CallState call) {
            return new PendingCallbacks(this, call).start();
        }
    }

    /**
     * Plays an optional prompt, then hands the call to the {@link ServiceQueue} of {@code service}; {@code callback}
     * allows the callback offer, {@code callbackKey} asks for one on hold.
     */
    record Enqueue(String name, int line, List<String> prompt, String service, String musicClass,
                   List<String> holdMessage, Duration holdMessageEvery, boolean callback, char callbackKey)
            implements FlowNode {
        public Enqueue {
            prompt = List.copyOf(prompt);
            holdMessage = List.copyOf(holdMessage);
        }

        @Override
        public List<Route> routes() {
            return List.of();
        }

        @Override
        public boolean endsFlow() {
            return true;
        }

        @Override
        public Step enter(CallState call) {
            return Step.play(prompt, "", key -> new Step.HandOver(() -> call.queue().enqueue(new EnqueueRequest(
                    call.session(), call.hotline(), service, musicClass, holdMessage, holdMessageEvery,
                    call.variables(), callback, callbackKey))));
        }
    }
}
