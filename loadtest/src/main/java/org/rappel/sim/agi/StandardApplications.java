package org.rappel.sim.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Dialplan applications EXEC can run without another channel: Verbose, NoOp, Log (return 0), Set, Answer,
 * Wait, Playback, MusicOnHold (blocks, loses keys, leaves the music off, as captured), Hangup (returns -1).
 * On a hung-up channel the waiting ones return -1 at once.
 */
final class StandardApplications {

    private StandardApplications() {
    }

    static void registerAll(ExecApplications apps) {
        apps.register("Verbose", (call, data, done) -> done.accept(0));
        apps.register("NoOp", (call, data, done) -> done.accept(0));
        apps.register("Log", (call, data, done) -> done.accept(0));
        apps.register("Answer", (call, data, done) -> {
            call.answer();
            done.accept(call.hungUp() ? -1 : 0);
        });
        apps.register("Set", (call, data, done) -> {
            int eq = data.indexOf('=');
            if (eq > 0) {
                call.variables().set(data.substring(0, eq), data.substring(eq + 1));
            }
            done.accept(0);
        });
        apps.register("Hangup", (call, data, done) -> {
            call.hangUpChannel();
            done.accept(-1);
        });
        apps.register("Wait", (call, data, done) -> blockFor(call, seconds(data), false, done));
        apps.register("MusicOnHold", (call, data, done) -> {
            String[] parts = data.split(",", -1);
            long millis = parts.length > 1 && !parts[1].isBlank() ? seconds(parts[1]) : -1;
            blockFor(call, millis, true, done);
        });
        apps.register("Playback", StandardApplications::playback);
    }

    private static long seconds(String text) {
        try {
            return Math.round(Double.parseDouble(text.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Waits (scaled) with keys ignored; the hang-up ends it with -1. */
    private static void blockFor(CallControl call, long millis, boolean musicWhileWaiting, IntConsumer done) {
        if (call.hungUp()) {
            done.accept(-1);
            return;
        }
        if (musicWhileWaiting) {
            call.musicOn("default");
        }
        boolean[] over = {false};
        CallIo.Timer[] timer = {null};
        call.inFlight(new CommandInFlight() {
            @Override
            public boolean onKey(char key) {
                return false;
            }

            @Override
            public void onHangup() {
                if (!over[0]) {
                    over[0] = true;
                    if (timer[0] != null) {
                        timer[0].cancel();
                    }
                    done.accept(-1);
                }
            }

            @Override
            public boolean onNewCommand() {
                return false;
            }
        });
        if (millis >= 0) {
            timer[0] = call.schedule(call.scaledNanos(millis), () -> {
                if (!over[0]) {
                    over[0] = true;
                    if (musicWhileWaiting) {
                        call.musicOff();
                    }
                    done.accept(0);
                }
            });
        }
    }

    private static void playback(CallControl call, String data, IntConsumer done) {
        if (call.hungUp()) {
            done.accept(-1);
            return;
        }
        String files = data.split(",", -1)[0];
        List<String> sounds = new ArrayList<>();
        for (String file : files.split("&")) {
            if (!file.isEmpty() && call.settings().sounds().length(file).isPresent()) {
                sounds.add(file); // Playback skips a missing file with a warning
            }
        }
        Prompt prompt = call.play(sounds, "", end -> {
            call.variables().set("PLAYBACKSTATUS", end.kind() == Prompt.Kind.COMPLETED ? "SUCCESS" : "FAILED");
            done.accept(end.kind() == Prompt.Kind.HANGUP ? -1 : 0);
        });
        if (!prompt.isOver()) {
            call.inFlight(new CommandInFlight() {
                @Override
                public boolean onKey(char key) {
                    return false;
                }

                @Override
                public void onHangup() {
                    prompt.onHangup();
                }

                @Override
                public boolean onNewCommand() {
                    return false; // applications do not watch the FastAGI socket
                }
            });
        }
    }
}
