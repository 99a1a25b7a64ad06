package org.rappel.estimate.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rappel.estimate.WaitTimeEstimators;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rappel ewt-replay --trace FILE.csv [--json]}: replays a call trace through every estimator as if live
 * and prints, per service and estimator, RASE, mean absolute error, bias and the number of answered contacts
 * scored. A malformed trace is refused with its line number on stderr and exit code 2.
 */
@Command(name = "ewt-replay", mixinStandardHelpOptions = true,
        description = "Replay a call trace through every wait-time estimator and score them.")
public final class EwtReplayCommand implements Callable<Integer> {

    static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE.csv",
            description = "Trace: arrival,queue_exit,outcome,service_end,service,priority,agent")
    private Path trace;

    @Option(names = "--json", description = "One JSON object instead of a table.")
    private boolean json;

    @Option(names = "--staffing-window", paramLabel = "SECONDS", defaultValue = "1800",
            description = "An agent counts as logged in for this long after a service (default: ${DEFAULT-VALUE}).")
    private double staffingWindowSeconds;

    /** Standalone entry, until the command is wired under {@code rappel}: same options, same exit codes. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EwtReplayCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(staffingWindowSeconds > 0)) {
            err.println("ewt-replay: --staffing-window must be > 0");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        List<TraceRecord> records;
        try (Reader reader = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            records = TraceParser.parse(reader);
        } catch (TraceFormatException e) {
            err.println("ewt-replay: " + trace + ": line " + e.line() + ": " + e.reason());
            err.flush();
            return EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("ewt-replay: cannot read " + trace + ": " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        ReplayReport report = new TraceReplay(WaitTimeEstimators::all, staffingWindowSeconds).run(records);
        if (json) {
            out.println(toJson(trace.toString(), staffingWindowSeconds, report));
        } else {
            out.print(toTable(report));
        }
        out.flush();
        return 0;
    }

    static String toTable(ReplayReport report) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-16s %-12s %8s %8s %10s %10s%n",
                "service", "estimator", "scored", "rase", "mae_s", "bias_s"));
        for (ReplayReport.ServiceReport s : report.services()) {
            for (ReplayReport.EstimatorScore e : s.estimators()) {
                table.append(String.format(Locale.ROOT, "%-16s %-12s %8d %8.3f %10.1f %10.1f%n",
                        s.service(), e.estimator(), e.scored(), e.rase(), e.meanAbsoluteErrorSeconds(),
                        e.biasSeconds()));
            }
            table.append(String.format(Locale.ROOT,
                    "# %s: %d contacts, %d answered, %d abandoned, mean wait of answered %.1f s%n",
                    s.service(), s.contacts(), s.answered(), s.abandoned(), s.meanWaitOfAnsweredSeconds()));
        }
        return table.toString();
    }

    static String toJson(String traceName, double staffingWindowSeconds, ReplayReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("trace", traceName);
        root.put("staffing_window_seconds", staffingWindowSeconds);
        ArrayNode services = root.putArray("services");
        for (ReplayReport.ServiceReport s : report.services()) {
            ObjectNode service = services.addObject();
            service.put("service", s.service());
            service.put("contacts", s.contacts());
            service.put("answered", s.answered());
            service.put("abandoned", s.abandoned());
            putNumber(service, "mean_wait_seconds", s.meanWaitOfAnsweredSeconds());
            ArrayNode estimators = service.putArray("estimators");
            for (ReplayReport.EstimatorScore e : s.estimators()) {
                ObjectNode estimator = estimators.addObject();
                estimator.put("estimator", e.estimator());
                estimator.put("scored", e.scored());
                putNumber(estimator, "rase", e.rase());
                putNumber(estimator, "mae_seconds", e.meanAbsoluteErrorSeconds());
                putNumber(estimator, "bias_seconds", e.biasSeconds());
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of an in-memory tree cannot fail", e);
        }
    }

    /** JSON has no NaN: a figure that does not exist is null. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
