package org.rappel.sim.agi;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Plays a {@link CallerScript} against one simulated call: schedules its timed keys and hang-up, answers each
 * input opportunity with the next matching {@link CallerInput}, and hangs up during the prompt or input the
 * script names. All times are scaled. Owned by the call's thread.
 */
final class ScriptedCaller {

    private final SimulatedCall call;
    private final CallerScript script;
    private final Deque<CallerInput> inputs;
    private int promptsHeard;
    private int inputsSeen;
    private boolean hangupPlanned;

    ScriptedCaller(SimulatedCall call, CallerScript script) {
        this.call = call;
        this.script = script;
        this.inputs = new ArrayDeque<>(script.inputs());
    }

    void start() {
        for (CallerScript.TimedKey key : script.timedKeys()) {
            call.schedule(call.settings().scaledNanos(key.at()), () -> call.keyPressed(key.key()));
        }
        script.hangup().ifPresent(plan -> {
            if (plan instanceof HangupPlan.After after) {
                hangUpIn(call.settings().scaledNanos(after.after()));
            }
        });
    }

    void onSoundStarted(String sound, long scaledNanos) {
        promptsHeard++;
        script.hangup().ifPresent(plan -> {
            if (plan instanceof HangupPlan.DuringPrompt during && during.number() == promptsHeard) {
                hangUpIn(call.settings().scaledNanos(during.into()));
            } else if (plan instanceof HangupPlan.DuringSound during && during.sound().equals(sound)) {
                hangUpIn(call.settings().scaledNanos(during.into()));
            }
        });
    }

    void onInput(CallControl.InputKind kind, String promptSound, long promptNanos) {
        if (kind != CallControl.InputKind.ESCAPABLE_PROMPT) {
            inputsSeen++;
            script.hangup().ifPresent(plan -> {
                if (plan instanceof HangupPlan.DuringInput during && during.number() == inputsSeen) {
                    hangUpIn(call.settings().scaledNanos(during.into()));
                }
            });
        }
        CallerInput next = inputs.peek();
        if (next == null || !matches(next, kind, promptSound)) {
            return;
        }
        inputs.poll();
        long first = call.settings().scaledNanos(next.delay()) + (next.bargeIn() ? 0 : promptNanos);
        long gap = call.settings().scaledNanos(next.interKeyGap());
        for (int i = 0; i < next.keys().length(); i++) {
            char key = next.keys().charAt(i);
            call.schedule(first + i * gap, () -> call.keyPressed(key));
        }
    }

    private static boolean matches(CallerInput input, CallControl.InputKind kind, String promptSound) {
        if (input.sound().isPresent()) {
            return input.sound().get().equals(promptSound);
        }
        return kind != CallControl.InputKind.ESCAPABLE_PROMPT;
    }

    private void hangUpIn(long nanos) {
        if (hangupPlanned) {
            return;
        }
        hangupPlanned = true;
        call.schedule(nanos, call::callerHangsUp);
    }
}
