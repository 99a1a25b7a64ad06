package org.rappel.estimate.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a call trace in CSV: header {@code arrival,queue_exit,outcome,service_end,service,priority,agent}
 * (columns in any order, names case-insensitive), one contact per line.
 * <ul>
 *   <li>times: epoch seconds, decimals allowed ({@code 1764144000.25}), or ISO-8601 with an offset
 *       ({@code 2025-11-26T08:00:00Z}); a local ISO date-time without offset is read as UTC;</li>
 *   <li>outcome {@code answered} or {@code abandoned}; service_end required when answered, empty when
 *       abandoned; agent empty when abandoned, may be empty when unknown;</li>
 *   <li>priority an integer (higher served first), empty means 0;</li>
 *   <li>times in order: arrival &le; queue_exit &le; service_end.</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are skipped; fields may be double-quoted. The first problem
 * found is reported with its line number: nothing of a malformed trace is replayed.
 */
public final class TraceParser {

    static final List<String> COLUMNS =
            List.of("arrival", "queue_exit", "outcome", "service_end", "service", "priority", "agent");

    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}(\\.\\d+)?");

    private TraceParser() {
    }

    public static List<TraceRecord> parse(Reader source) throws IOException, TraceFormatException {
        BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
        String header = reader.readLine();
        if (header == null) {
            throw new TraceFormatException(1, "empty trace: expected header " + String.join(",", COLUMNS));
        }
        Map<String, Integer> index = columns(stripBom(header));
        List<TraceRecord> records = new ArrayList<>();
        int lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            records.add(record(lineNumber, split(lineNumber, line), index));
        }
        return records;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static Map<String, Integer> columns(String header) throws TraceFormatException {
        List<String> names = split(1, header);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
                throw new TraceFormatException(1, "header lacks column '" + column + "': expected "
                        + String.join(",", COLUMNS));
            }
        }
        return index;
    }

    private static TraceRecord record(int line, List<String> fields, Map<String, Integer> index)
            throws TraceFormatException {
        int needed = index.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (fields.size() < needed) {
            throw new TraceFormatException(line, "expected " + needed + " fields, found " + fields.size());
        }
        Instant arrival = time(line, "arrival", field(fields, index, "arrival"));
        Instant queueExit = time(line, "queue_exit", field(fields, index, "queue_exit"));
        String outcomeText = field(fields, index, "outcome").toLowerCase(Locale.ROOT);
        TraceRecord.Outcome outcome = switch (outcomeText) {
            case "answered" -> TraceRecord.Outcome.ANSWERED;
            case "abandoned" -> TraceRecord.Outcome.ABANDONED;
            default -> throw new TraceFormatException(line,
                    "outcome must be 'answered' or 'abandoned', found '" + outcomeText + "'");
        };
        String endText = field(fields, index, "service_end");
        String service = field(fields, index, "service");
        String priorityText = field(fields, index, "priority");
        String agentText = field(fields, index, "agent");
        if (service.isEmpty()) {
            throw new TraceFormatException(line, "service is empty");
        }
        if (queueExit.isBefore(arrival)) {
            throw new TraceFormatException(line, "queue_exit is before arrival");
        }
        Optional<Instant> serviceEnd = Optional.empty();
        if (outcome == TraceRecord.Outcome.ANSWERED) {
            if (endText.isEmpty()) {
                throw new TraceFormatException(line, "service_end is empty for an answered contact");
            }
            Instant end = time(line, "service_end", endText);
            if (end.isBefore(queueExit)) {
                throw new TraceFormatException(line, "service_end is before queue_exit");
            }
            serviceEnd = Optional.of(end);
        } else {
            if (!endText.isEmpty()) {
                throw new TraceFormatException(line, "service_end must be empty for an abandoned contact");
            }
            if (!agentText.isEmpty()) {
                throw new TraceFormatException(line, "agent must be empty for an abandoned contact");
            }
        }
        int priority = 0;
        if (!priorityText.isEmpty()) {
            try {
                priority = Integer.parseInt(priorityText);
            } catch (NumberFormatException e) {
                throw new TraceFormatException(line, "priority must be an integer, found '" + priorityText + "'");
            }
        }
        Optional<String> agent = agentText.isEmpty() ? Optional.empty() : Optional.of(agentText);
        return new TraceRecord(line, arrival, queueExit, outcome, serviceEnd, service, priority, agent);
    }

    private static String field(List<String> fields, Map<String, Integer> index, String column) {
        return fields.get(index.get(column)).strip();
    }

    static Instant time(int line, String column, String text) throws TraceFormatException {
        if (text.isEmpty()) {
            throw new TraceFormatException(line, column + " is empty");
        }
        try {
            if (EPOCH_SECONDS.matcher(text).matches()) {
                BigDecimal seconds = new BigDecimal(text).setScale(9, RoundingMode.DOWN);
                long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
                int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
                return Instant.ofEpochSecond(whole, nanos);
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException withoutOffset) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw new TraceFormatException(line, column + " is neither epoch seconds nor ISO-8601: '" + text + "'");
        }
    }

    /** CSV fields; a double-quoted field may hold commas and doubled quotes. */
    static List<String> split(int line, String text) throws TraceFormatException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new TraceFormatException(line, "unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
