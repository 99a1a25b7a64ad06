package org.rappel.sim.agi;

import java.util.List;

/**
 * {@code GET DATA <prompt> [timeout] [max]} as {@code ast_app_getdata_full} and {@code ast_readstring_full}:
 * the prompt plays and any key cuts it (and counts); then each key restarts the wait; {@code #} ends the
 * input and is not kept; reaching {@code max} keys ends it. Replies: {@code 200 result=42} (ended by # or max),
 * {@code 200 result=4 (timeout)} / {@code 200 result= (timeout)} (silence), {@code 200 result=} (# alone),
 * {@code 200 result=-1} (hang-up, missing prompt, max 0). Timeout 0 means 6 s for the first key and 2 s
 * between keys; a negative one waits for ever. A newer command ends it without a reply.
 * Owned by the call's thread.
 */
final class DigitCollector implements CommandInFlight {

    private static final int FIRST_KEY_DEFAULT_MILLIS = 6000;
    private static final int NEXT_KEY_DEFAULT_MILLIS = 2000;
    private static final long FOREVER_MILLIS = 1_000_000_000L;

    private final CallControl call;
    private final String prompt;
    private final long firstKeyMillis;
    private final long nextKeyMillis;
    private final int max;
    private final StringBuilder digits = new StringBuilder();
    private Prompt playing;
    private CallIo.Timer timer;
    private boolean over;

    DigitCollector(CallControl call, String prompt, int timeoutMillis, int max) {
        this.call = call;
        this.prompt = prompt;
        this.max = max;
        if (timeoutMillis > 0) {
            firstKeyMillis = timeoutMillis;
            nextKeyMillis = timeoutMillis;
        } else if (timeoutMillis < 0) {
            firstKeyMillis = FOREVER_MILLIS;
            nextKeyMillis = FOREVER_MILLIS;
        } else {
            firstKeyMillis = FIRST_KEY_DEFAULT_MILLIS;
            nextKeyMillis = NEXT_KEY_DEFAULT_MILLIS;
        }
    }

    void start() {
        if (!prompt.isEmpty()) {
            call.musicOff(); // ast_streamfile stops music on hold, even when the file is missing
        }
        if (!prompt.isEmpty() && call.settings().sounds().length(prompt).isEmpty()) {
            // ast_streamfile fails before any input is read.
            finish("200 result=-1");
            return;
        }
        if (max == 0) {
            finish("200 result=-1");
            return;
        }
        call.inFlight(this);
        long promptNanos = prompt.isEmpty() ? 0
                : call.settings().scaledNanos(call.settings().sounds().length(prompt).orElseThrow());
        call.inputOpportunity(CallControl.InputKind.GET_DATA, prompt, promptNanos);
        if (over) {
            return;
        }
        if (prompt.isEmpty()) {
            waitForKey(firstKeyMillis); // no file: music on hold, if on, keeps playing
            return;
        }
        playing = call.play(List.of(prompt), PromptCommands.ANY_DIGIT, end -> {
            playing = null;
            switch (end.kind()) {
                case COMPLETED -> waitForKey(firstKeyMillis);
                case KEY -> takeKey(end.key());
                case HANGUP -> finish("200 result=-1");
                case NEW_COMMAND -> noReply();
                case MISSING -> finish("200 result=-1");
                default -> throw new IllegalStateException(end.kind().toString());
            }
        });
    }

    private void waitForKey(long millis) {
        if (over) {
            return;
        }
        timer = call.schedule(call.scaledNanos(millis), () -> finish("200 result=" + digits + " (timeout)"));
    }

    private void takeKey(char key) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (key == '#') {
            finish("200 result=" + digits);
            return;
        }
        digits.append(key);
        if (digits.length() >= max) {
            finish("200 result=" + digits);
            return;
        }
        waitForKey(nextKeyMillis);
    }

    private void finish(String reply) {
        if (over) {
            return;
        }
        over = true;
        if (timer != null) {
            timer.cancel();
        }
        call.reply(reply);
        call.finish(CommandResult.SUCCESS); // handle_getdata always returns RESULT_SUCCESS
    }

    private void noReply() {
        if (over) {
            return;
        }
        over = true;
        if (timer != null) {
            timer.cancel();
        }
        call.finish(CommandResult.NO_REPLY);
    }

    @Override
    public boolean onKey(char key) {
        if (over) {
            return false;
        }
        if (playing != null) {
            return playing.onKey(key);
        }
        takeKey(key);
        return true;
    }

    @Override
    public void onHangup() {
        if (over) {
            return;
        }
        if (playing != null) {
            playing.onHangup();
        } else {
            finish("200 result=-1");
        }
    }

    @Override
    public boolean onNewCommand() {
        if (over) {
            return false;
        }
        if (playing != null) {
            return playing.onNewCommand();
        }
        noReply();
        return true;
    }
}
