package org.rappel.sim.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The AGI commands of Asterisk 22 that hotline IVRs use, with res_agi's argument checks (a wrong count gives
 * the 520 usage block), reply forms, and dead-channel permissions. Handlers run on the call's thread.
 */
final class StandardCommands {

    /** {@code AST_DIGIT_ANY}: any key stops a GET DATA prompt. */
    static final String ANY_DIGIT = "0123456789#*ABCD";
    private static final String HASH = "#";

    private StandardCommands() {
    }

    static void registerAll(AgiCommandTable table, ExecApplications applications) {
        table.register("ANSWER", false, StandardCommands::answer);
        table.register("CHANNEL STATUS", false, StandardCommands::channelStatus);
        table.register("DATABASE DEL", true, StandardCommands::databaseDel);
        table.register("DATABASE DELTREE", true, StandardCommands::databaseDelTree);
        table.register("DATABASE GET", true, StandardCommands::databaseGet);
        table.register("DATABASE PUT", true, StandardCommands::databasePut);
        table.register("EXEC", true, (call, argv) -> exec(call, argv, applications));
        table.register("GET DATA", false, StandardCommands::getData);
        table.register("GET FULL VARIABLE", true, StandardCommands::getFullVariable);
        table.register("GET VARIABLE", true, StandardCommands::getVariable);
        table.register("HANGUP", false, StandardCommands::hangup);
        table.register("NOOP", true, StandardCommands::noop);
        table.register("SAY DIGITS", false, StandardCommands::sayDigits);
        table.register("SAY NUMBER", false, StandardCommands::sayNumber);
        table.register("SET CONTEXT", false, StandardCommands::setContext);
        table.register("SET EXTENSION", false, StandardCommands::setExtension);
        table.register("SET MUSIC", false, StandardCommands::setMusic);
        table.register("SET PRIORITY", false, StandardCommands::setPriority);
        table.register("SET VARIABLE", true, StandardCommands::setVariable);
        table.register("STREAM FILE", false, StandardCommands::streamFile);
        table.register("VERBOSE", true, StandardCommands::verbose);
        table.register("WAIT FOR DIGIT", false, StandardCommands::waitForDigit);
    }

    private static void done(CallControl call, String reply) {
        call.reply(reply);
        call.finish(CommandResult.SUCCESS);
    }

    private static void usage(CallControl call) {
        call.finish(CommandResult.SHOW_USAGE);
    }

    static void answer(CallControl call, List<String> argv) {
        call.answer();
        done(call, "200 result=0");
    }

    static void channelStatus(CallControl call, List<String> argv) {
        if (argv.size() == 2) {
            done(call, "200 result=" + call.channelState());
        } else if (argv.size() == 3) {
            boolean self = argv.get(2).equals(call.variables().channelName());
            done(call, self ? "200 result=" + call.channelState() : "200 result=-1");
        } else {
            usage(call);
        }
    }

    static void databaseGet(CallControl call, List<String> argv) {
        if (argv.size() != 4) {
            usage(call);
            return;
        }
        Optional<String> value = call.database().get(argv.get(2), argv.get(3));
        done(call, value.map(v -> "200 result=1 (" + v + ")").orElse("200 result=0"));
    }

    static void databasePut(CallControl call, List<String> argv) {
        if (argv.size() != 5) {
            usage(call);
            return;
        }
        call.database().put(argv.get(2), argv.get(3), argv.get(4));
        done(call, "200 result=1");
    }

    static void databaseDel(CallControl call, List<String> argv) {
        if (argv.size() != 4) {
            usage(call);
            return;
        }
        done(call, call.database().delete(argv.get(2), argv.get(3)) ? "200 result=1" : "200 result=0");
    }

    static void databaseDelTree(CallControl call, List<String> argv) {
        if (argv.size() < 3 || argv.size() > 4) {
            usage(call);
            return;
        }
        int deleted = call.database().deleteTree(argv.get(2),
                argv.size() == 4 ? Optional.of(argv.get(3)) : Optional.empty());
        // Asterisk 22 answers 0 when it deleted something and 1 when not (inverted, but that is the wire).
        done(call, deleted > 0 ? "200 result=0" : "200 result=1");
    }

    static void exec(CallControl call, List<String> argv, ExecApplications applications) {
        if (argv.size() < 2) {
            usage(call);
            return;
        }
        Optional<ExecApplication> application = applications.find(argv.get(1));
        if (application.isEmpty()) {
            done(call, "200 result=-2");
            return;
        }
        String data = argv.size() == 2 ? "" : argv.get(2);
        boolean[] returned = {false};
        application.get().run(call, data, result -> {
            if (returned[0]) {
                throw new IllegalStateException("application returned twice");
            }
            returned[0] = true;
            call.reply("200 result=" + result);
            // handle_exec returns the application's value as its own result code.
            call.finish(result == 1 ? CommandResult.SHOW_USAGE
                    : result == 2 ? CommandResult.FAILURE : CommandResult.SUCCESS);
        });
    }

    static void getVariable(CallControl call, List<String> argv) {
        if (argv.size() != 3) {
            usage(call);
            return;
        }
        Optional<String> value = call.variables().get(argv.get(2));
        done(call, value.map(v -> "200 result=1 (" + v + ")").orElse("200 result=0"));
    }

    static void getFullVariable(CallControl call, List<String> argv) {
        if (argv.size() != 4 && argv.size() != 5) {
            usage(call);
            return;
        }
        if (argv.size() == 5 && !argv.get(4).equals(call.variables().channelName())) {
            done(call, "200 result=0");
            return;
        }
        done(call, "200 result=1 (" + call.variables().substitute(argv.get(3)) + ")");
    }

    static void setVariable(CallControl call, List<String> argv) {
        if (argv.size() != 4) {
            usage(call);
            return;
        }
        call.variables().set(argv.get(2), argv.get(3));
        call.recordVariableSet(argv.get(2), argv.get(3));
        done(call, "200 result=1");
    }

    static void hangup(CallControl call, List<String> argv) {
        if (argv.size() == 1 || (argv.size() == 2 && argv.get(1).equals(call.variables().channelName()))) {
            call.hangUpChannel();
            done(call, "200 result=1");
        } else if (argv.size() == 2) {
            done(call, "200 result=-1");
        } else {
            usage(call);
        }
    }

    static void noop(CallControl call, List<String> argv) {
        done(call, "200 result=0");
    }

    static void verbose(CallControl call, List<String> argv) {
        if (argv.size() < 2) {
            usage(call);
            return;
        }
        done(call, "200 result=1");
    }

    static void setContext(CallControl call, List<String> argv) {
        if (argv.size() != 3) {
            usage(call);
            return;
        }
        ((SimulatedCall) call).variables().context(argv.get(2));
        done(call, "200 result=0");
    }

    static void setExtension(CallControl call, List<String> argv) {
        if (argv.size() != 3) {
            usage(call);
            return;
        }
        ((SimulatedCall) call).variables().extension(argv.get(2));
        done(call, "200 result=0");
    }

    static void setPriority(CallControl call, List<String> argv) {
        if (argv.size() != 3) {
            usage(call);
            return;
        }
        OptionalInt priority = scanInt(argv.get(2));
        if (priority.isEmpty()) {
            // A label: the simulator has no dialplan to find it in, as Asterisk when the label is unknown.
            usage(call);
            return;
        }
        // ast_explicit_goto inside the pbx loop stores priority-1; the loop adds one when AGI() returns.
        ((SimulatedCall) call).variables().priority(priority.getAsInt() - 1);
        done(call, "200 result=0");
    }

    static void setMusic(CallControl call, List<String> argv) {
        if (argv.size() < 3) {
            usage(call);
            return;
        }
        String onOff = argv.get(2);
        if (onOff.regionMatches(true, 0, "on", 0, 2)) {
            call.musicOn(argv.size() > 3 ? argv.get(3) : "default");
        } else if (onOff.regionMatches(true, 0, "off", 0, 3)) {
            call.musicOff();
        }
        done(call, "200 result=0");
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
            OptionalLong parsed = scanLong(argv.get(4));
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
        OptionalInt number = scanInt(argv.get(2));
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
        if (scanInt(argv.get(2)).isEmpty()) {
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
                total += call.settings().scaledNanos(call.settings().sounds().length(s).orElse(java.time.Duration.ZERO));
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
        OptionalInt timeout = scanInt(argv.get(3));
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
        int timeout = argv.size() >= 4 ? atoi(argv.get(3)) : 0;
        int max = argv.size() >= 5 ? atoi(argv.get(4)) : 1024;
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

    /** C's {@code sscanf(s, "%30d")}: leading blanks, a sign, at least one digit; trailing text ignored. */
    static OptionalInt scanInt(String s) {
        OptionalLong value = scanLong(s);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    static OptionalLong scanLong(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && i - start < 30 && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.substring(start, i)));
        } catch (NumberFormatException e) {
            return OptionalLong.of(s.charAt(start) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
    }

    /** C's {@code atoi}: as {@link #scanInt}, 0 when there is no number. */
    static int atoi(String s) {
        return scanInt(s).orElse(0);
    }

    static boolean isHash(char key) {
        return HASH.indexOf(key) >= 0;
    }
}
