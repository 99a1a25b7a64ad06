package org.rappel.sim.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rappel.sim.ami.OriginateLog;
import org.rappel.sim.ami.OriginateRecord;

/**
 * What the day's callbacks came to, from the callers who asked for one (in the order they called) and the
 * simulated Asterisk's {@link OriginateLog}: how many were dialled, how the Originates ended, callbacks dialled
 * twice at once or again after an answer, and callbacks first dialled out of the order their callers called in
 * (within one service: a callback keeps its caller's place). A caller is matched to the Originates by the last
 * nine digits of the number dialled ({@code PJSIP/+33600000012@trunk} is the caller {@code 0600000012}). Not
 * thread-safe; built once at the end of a run.
 */
final class CallbackCheck {

    /** A caller who asked for a callback: their number as the IVR saw it, and their service. */
    record Request(String callerId, String service) {
    }

    private final List<Request> requests;
    private final OriginateLog log;

    CallbackCheck(List<Request> requests, OriginateLog log) {
        this.requests = List.copyOf(requests);
        this.log = log;
    }

    /** The last nine digits of a number or of the number in a dial string. */
    static String key(String numberOrDialString) {
        String s = numberOrDialString;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        String digits = s.replaceAll("[^0-9]", "");
        return digits.length() > 9 ? digits.substring(digits.length() - 9) : digits;
    }

    /** The Originates toward citizens who asked (agent-first Originates go to agents and are not counted here). */
    private List<OriginateRecord> citizenOriginates() {
        Map<String, Request> asked = asked();
        return log.records().stream().filter(r -> asked.containsKey(key(r.dialString()))).toList();
    }

    private Map<String, Request> asked() {
        Map<String, Request> asked = new LinkedHashMap<>();
        requests.forEach(r -> asked.putIfAbsent(key(r.callerId()), r));
        return asked;
    }

    /** Callers who asked, dialled at least once (customer-first: by number; agent-first: by callback id count). */
    int dialled() {
        return (int) citizenOriginates().stream().map(r -> key(r.dialString())).distinct().count();
    }

    /**
     * Within each service, how many callbacks were first dialled before one whose caller called earlier and had not
     * been dialled yet.
     */
    int outOfOrder() {
        Map<String, Integer> arrival = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            arrival.putIfAbsent(key(requests.get(i).callerId()), i);
        }
        Map<String, Request> asked = asked();
        Map<String, List<Integer>> firstDialsByService = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (OriginateRecord r : citizenOriginates()) {
            String k = key(r.dialString());
            if (!seen.contains(k)) {
                seen.add(k);
                firstDialsByService.computeIfAbsent(asked.get(k).service(), s -> new ArrayList<>())
                        .add(arrival.get(k));
            }
        }
        int inversions = 0;
        for (List<Integer> order : firstDialsByService.values()) {
            int highest = -1;
            for (int a : order) {
                if (a < highest) {
                    inversions++;
                }
                highest = Math.max(highest, a);
            }
        }
        return inversions;
    }

    int doubleDials() {
        return log.doubleDials().size();
    }

    String text() {
        Map<OriginateRecord.Outcome, Integer> outcomes = new TreeMap<>();
        log.records().forEach(r -> outcomes.merge(r.outcome(), 1, Integer::sum));
        return String.format(Locale.ROOT, "callbacks: %d asked, %d dialled, %d Originates %s, %d still up, "
                        + "%d dialled twice (%s), %d dialled out of order%n", requests.size(), dialled(),
                log.records().size(), outcomes, log.inProgress().size(), doubleDials(),
                log.doubleDials().stream().limit(3).toList(), outOfOrder());
    }
}
