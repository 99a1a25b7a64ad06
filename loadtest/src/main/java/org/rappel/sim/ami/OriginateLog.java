package org.rappel.sim.ami;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Originate the simulated Asterisk received, in arrival order, with the checks a callback test makes: no
 * callback dialled twice at once, none dialled again once answered, and the order callbacks were first dialled
 * in. Immutable snapshot ({@link AmiSimulator#originateLog()}).
 */
public record OriginateLog(List<OriginateRecord> records) {

    public OriginateLog {
        records = List.copyOf(records);
    }

    /** The Originates carrying this {@code RAPPEL_CALLBACK_ID}, in arrival order. */
    public List<OriginateRecord> forCallback(String callbackId) {
        return records.stream().filter(r -> r.callbackId().equals(Optional.of(callbackId))).toList();
    }

    /** Callback ids in the order of their first Originate. */
    public List<String> callbackOrder() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        records.forEach(r -> r.callbackId().ifPresent(ids::add));
        return new ArrayList<>(ids);
    }

    /**
     * What breaks "never dialled twice": an Originate of a callback that arrived while an earlier one of the same
     * callback was still up (ringing or talking), or after an earlier one was answered. Empty when none.
     */
    public List<String> doubleDials() {
        Map<String, List<OriginateRecord>> byId = new LinkedHashMap<>();
        records.forEach(r -> r.callbackId().ifPresent(id -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(r)));
        List<String> problems = new ArrayList<>();
        byId.forEach((id, attempts) -> {
            for (int i = 1; i < attempts.size(); i++) {
                OriginateRecord later = attempts.get(i);
                for (OriginateRecord earlier : attempts.subList(0, i)) {
                    if (earlier.endedBefore().isEmpty() || earlier.endedBefore().getAsLong() > later.order()) {
                        problems.add("callback " + id + ": Originate #" + later.order() + " while #" + earlier.order()
                                + " was still up");
                    } else if (earlier.outcome() == OriginateRecord.Outcome.ANSWERED) {
                        problems.add("callback " + id + ": Originate #" + later.order() + " after #" + earlier.order()
                                + " was answered");
                    }
                }
            }
        });
        return problems;
    }

    /** Originates still ringing or up. */
    public List<OriginateRecord> inProgress() {
        return records.stream().filter(r -> !r.ended()).toList();
    }
}
