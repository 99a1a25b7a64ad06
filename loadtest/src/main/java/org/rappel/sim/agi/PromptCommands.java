package org.rappel.sim.agi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The AGI commands that play sounds or read keys (STREAM FILE, SAY NUMBER, SAY DIGITS, WAIT FOR DIGIT,
 * GET DATA), as res_agi.c runs them. Handlers run on the call's thread.
 */
final class PromptCommands {

    /** {@code AST_DIGIT_ANY}: any key stops a GET DATA prompt. */
    static final String ANY_DIGIT = "0123456789#*ABCD";

    private PromptCommands() {
    }

    private static void done(CallControl call, String reply) {
        StandardCommands.done(call, reply);
    }

    private static void usage(CallControl call) {
        StandardCommands.usage(call);
    }

    static void streamFile(CallControl call, List<String> argv) {
        if (argv.size() < 4 || argv.size() > 5) {
            usage(call);
            return;
        }
        String sound = argv.get(2);
        String escapeDigits = argv.get(3);
        long offset = 0;
        if (argv.size() > 4) {
            OptionalLong parsed = CNumbers.scanLong(argv.get(4));
            if (parsed.isEmpty()) {
                usage(call);
                return;
            }
            offset = parsed.getAsLong();
        }
        var length = call.settings().sounds().length(sound);
        // ast_openstream stops any generator (music on hold) before it looks for the file.
        call.musicOff();
        if (length.isEmpty()) {
            call.reply("200 result=-1 endpos=" + offset);
            call.finish(CommandResult.FAILURE);
            return;
        }
        long maxLength = SoundCatalog.samples(length.get().toNanos());
        if (!escapeDigits.isEmpty()) {
            call.inputOpportunity(CallControl.InputKind.ESCAPABLE_PROMPT, sound,
                    call.settings().scaledNanos(length.get()));
        }
        Prompt prompt = ((SimulatedCall) call).playFrom(List.of(sound), escapeDigits, offset, end -> {
            switch (end.kind()) {
                case NEW_COMMAND -> call.finish(CommandResult.NO_REPLY);
                case COMPLETED -> {
                    call.reply("200 result=0 endpos=" + maxLength);
                    call.variables().set("PLAYBACKSTATUS", "SUCCESS");
                    call.finish(CommandResult.SUCCESS);
                }
                case KEY -> {
                    call.reply("200 result=" + (int) end.key() + " endpos=" + end.endpos());
                    call.variables().set("PLAYBACKSTATUS", "FAILED");
                    call.finish(CommandResult.SUCCESS);
                }
                default -> {
                    call.reply("200 result=-1 endpos=" + end.endpos());
                    call.variables().set("PLAYBACKSTATUS", "FAILED");
                    call.finish(CommandResult.FAILURE);
                }
            }
        });
        if (!prompt.isOver()) {
            call.inFlight(prompt);
        }
    }

    static void sayNumber(CallControl call, List<String> argv) {
        if (argv.size() < 4 || argv.size() > 5) {
            usage(call);
            return;
        }
        OptionalInt number = CNumbers.scanInt(argv.get(2));
        if (number.isEmpty()) {
            usage(call);
            return;
        }
        say(call, numberSounds(number.getAsInt()), argv.get(3));
    }

    static void sayDigits(CallControl call, List<String> argv) {
        if (argv.size() != 4) {
            usage(call);
            return;
        }
        if (CNumbers.scanInt(argv.get(2)).isEmpty()) {
            usage(call);
            return;
        }
        List<String> sounds = new ArrayList<>();
        for (char c : argv.get(2).toCharArray()) {
            switch (c) {
                case '*' -> sounds.add("digits/star");
                case '#' -> sounds.add("digits/pound");
                case '-' -> sounds.add("digits/minus");
                default -> {
                    if (c >= '0' && c <= '9') {
                        sounds.add("digits/" + c);
                    }
                }
            }
        }
        say(call, sounds, argv.get(3));
    }

    private static void say(CallControl call, List<String> sounds, String escapeDigits) {
        if (!escapeDigits.isEmpty() && !sounds.isEmpty()) {
            long total = 0;
            for (String s : sounds) {
                total += call.settings().scaledNanos(call.settings().sounds().length(s).orElse(Duration.ZERO));
            }
            call.inputOpportunity(CallControl.InputKind.ESCAPABLE_PROMPT, sounds.get(0), total);
        }
        Prompt prompt = call.play(sounds, escapeDigits, end -> {
            switch (end.kind()) {
                case NEW_COMMAND -> call.finish(CommandResult.NO_REPLY);
                case COMPLETED -> done(call, "200 result=0");
                case KEY -> done(call, "200 result=" + (int) end.key());
                default -> {
                    call.reply("200 result=-1");
                    call.finish(CommandResult.FAILURE);
                }
            }
        });
        if (!prompt.isOver()) {
            call.inFlight(prompt);
        }
    }

    static void waitForDigit(CallControl call, List<String> argv) {
        if (argv.size() != 4) {
            usage(call);
            return;
        }
        OptionalInt timeout = CNumbers.scanInt(argv.get(3));
        if (timeout.isEmpty()) {
            usage(call);
            return;
        }
        new DigitWait(call, timeout.getAsInt()).start();
    }

    static void getData(CallControl call, List<String> argv) {
        if (argv.size() < 3) {
            usage(call);
            return;
        }
        int timeout = argv.size() >= 4 ? CNumbers.atoi(argv.get(3)) : 0;
        int max = argv.size() >= 5 ? CNumbers.atoi(argv.get(4)) : 1024;
        new DigitCollector(call, argv.get(2), timeout, max).start();
    }

    /** The sound files Asterisk's English number saying plays for {@code n}. */
    static List<String> numberSounds(int n) {
        List<String> out = new ArrayList<>();
        long value = n;
        if (value < 0) {
            out.add("digits/minus");
            value = -value;
        }
        if (value == 0) {
            out.add("digits/0");
            return out;
        }
        appendNumber(out, value);
        return out;
    }

    private static void appendNumber(List<String> out, long value) {
        if (value >= 1_000_000) {
            appendNumber(out, value / 1_000_000);
            out.add("digits/million");
            value %= 1_000_000;
        }
        if (value >= 1000) {
            appendNumber(out, value / 1000);
            out.add("digits/thousand");
            value %= 1000;
        }
        if (value >= 100) {
            out.add("digits/" + value / 100);
            out.add("digits/hundred");
            value %= 100;
        }
        if (value >= 20) {
            out.add("digits/" + value / 10 * 10);
            value %= 10;
        }
        if (value > 0) {
            out.add("digits/" + value);
        }
    }

}
