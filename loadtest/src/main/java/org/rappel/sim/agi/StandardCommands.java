package org.rappel.sim.agi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The AGI commands of Asterisk 22 that hotline IVRs use, with res_agi's argument checks (a wrong count gives
 * the 520 usage block), reply forms, and dead-channel permissions; those that play sounds or read keys are in
 * {@link PromptCommands}. Handlers run on the call's thread.
 */
final class StandardCommands {

    private static final int GET_VARIABLE_MAX = 1023;

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
        table.register("GET DATA", false, PromptCommands::getData);
        table.register("GET FULL VARIABLE", true, StandardCommands::getFullVariable);
        table.register("GET VARIABLE", true, StandardCommands::getVariable);
        table.register("HANGUP", false, StandardCommands::hangup);
        table.register("NOOP", true, StandardCommands::noop);
        table.register("SAY DIGITS", false, PromptCommands::sayDigits);
        table.register("SAY NUMBER", false, PromptCommands::sayNumber);
        table.register("SET CONTEXT", false, StandardCommands::setContext);
        table.register("SET EXTENSION", false, StandardCommands::setExtension);
        table.register("SET MUSIC", false, StandardCommands::setMusic);
        table.register("SET PRIORITY", false, StandardCommands::setPriority);
        table.register("SET VARIABLE", true, StandardCommands::setVariable);
        table.register("STREAM FILE", false, PromptCommands::streamFile);
        table.register("VERBOSE", true, StandardCommands::verbose);
        table.register("WAIT FOR DIGIT", false, PromptCommands::waitForDigit);
    }

    static void done(CallControl call, String reply) {
        call.reply(reply);
        call.finish(CommandResult.SUCCESS);
    }

    static void usage(CallControl call) {
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
        // handle_getvariable reads into a 1024-byte buffer: longer values come back cut to 1023 bytes.
        Optional<String> value = call.variables().get(argv.get(2))
                .map(v -> v.length() > GET_VARIABLE_MAX ? v.substring(0, GET_VARIABLE_MAX) : v);
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
        call.variables().context(argv.get(2));
        done(call, "200 result=0");
    }

    static void setExtension(CallControl call, List<String> argv) {
        if (argv.size() != 3) {
            usage(call);
            return;
        }
        call.variables().extension(argv.get(2));
        done(call, "200 result=0");
    }

    static void setPriority(CallControl call, List<String> argv) {
        if (argv.size() != 3) {
            usage(call);
            return;
        }
        OptionalInt priority = CNumbers.scanInt(argv.get(2));
        if (priority.isEmpty()) {
            // A label: the simulator has no dialplan to find it in, as Asterisk when the label is unknown.
            usage(call);
            return;
        }
        // ast_explicit_goto inside the pbx loop stores priority-1; the loop adds one when AGI() returns.
        call.variables().priority(priority.getAsInt() - 1);
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

}
