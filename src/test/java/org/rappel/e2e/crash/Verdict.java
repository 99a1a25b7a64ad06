package org.rappel.e2e.crash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The crash test's judgement on what the store holds and what Asterisk dialed. Each method returns one sentence
 * per fault (never a full phone number: the last digits are enough to find the caller in the test's log); an
 * empty list is a pass.
 */
final class Verdict {
    private Verdict() {
    }

    /**
     * Every promise has its callback in one of {@code states}: the one with its id when the server gave one, else
     * one for its number and service.
     */
    static List<String> unkeptPromises(Collection<Promise> promises, StoreSnapshot store, Collection<String> states) {
        Map<String, StoreSnapshot.Callback> byId = store.byId();
        List<String> faults = new ArrayList<>();
        for (Promise promise : promises) {
            List<StoreSnapshot.Callback> candidates = promise.callbackId()
                    .map(id -> byId.containsKey(id) ? List.of(byId.get(id)) : List.<StoreSnapshot.Callback>of())
                    .orElseGet(() -> store.callbacks().stream()
                            .filter(c -> c.number().equals(promise.number()) && c.service().equals(promise.service()))
                            .toList());
            if (candidates.stream().noneMatch(c -> states.contains(c.state()))) {
                faults.add(promise.door() + " promise to " + tail(promise.number()) + " for " + promise.service()
                        + " (run " + promise.run() + ") " + (candidates.isEmpty() ? "is not in the store"
                        : "is " + candidates.stream().map(StoreSnapshot.Callback::state).toList())
                        + ", expected one of " + states);
            }
        }
        return faults;
    }

    /**
     * At most one callback per number and service at a time: a second row for the same pair is allowed only when
     * the first was already closed (done, failed, cancelled) before the second was created.
     */
    static List<String> duplicates(StoreSnapshot store) {
        Map<String, List<StoreSnapshot.Callback>> byPair = new LinkedHashMap<>();
        for (StoreSnapshot.Callback c : store.callbacks()) {
            byPair.computeIfAbsent(c.number() + " " + c.service(), k -> new ArrayList<>()).add(c);
        }
        List<String> faults = new ArrayList<>();
        for (List<StoreSnapshot.Callback> rows : byPair.values()) {
            rows.sort(Comparator.comparingLong(StoreSnapshot.Callback::createdMs));
            for (int i = 1; i < rows.size(); i++) {
                StoreSnapshot.Callback earlier = rows.get(i - 1);
                StoreSnapshot.Callback later = rows.get(i);
                if (earlier.isActive() || earlier.updatedMs() > later.createdMs()) {
                    faults.add("two callbacks for " + tail(later.number()) + " / " + later.service() + ": "
                            + earlier.id() + " (" + earlier.state() + ") and " + later.id() + " (" + later.state()
                            + ")");
                }
            }
        }
        return faults;
    }

    /**
     * The store and Asterisk agree: every callback the store calls done had an answered call. (This also proves the
     * dial record is complete enough to judge double dials by.)
     */
    static List<String> doneWithoutAnswer(StoreSnapshot store, OriginateLog dials) {
        Set<String> answered = dials.answeredCallbacks();
        return store.callbacks().stream().filter(c -> c.state().equals("DONE") && !answered.contains(c.id()))
                .map(c -> "callback " + c.id() + " to " + tail(c.number()) + " is DONE but no call to it was answered")
                .toList();
    }

    /** The last four digits, enough to find a test caller. */
    static String tail(String number) {
        return "…" + number.substring(Math.max(0, number.length() - 4));
    }
}
