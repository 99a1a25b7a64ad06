package org.rappel.e2e.crash;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The callback calls Asterisk placed, as an AMI observer saw them, and the double dials among them. Built from
 * the simulated Asterisk's events in the order it sent them (one event loop sends them all, so list order is time
 * order; no clock is compared): an Originate's channel gets {@code VarSet RAPPEL_CALLBACK_ID=<id>} when it is
 * made, {@code OriginateResponse} with {@code Reason: 4} when the citizen answers, and is over when the last of its
 * channels ({@code ;1} and {@code ;2} of a Local channel) hung up.
 *
 * <p>A double dial is a second Originate of the same callback that starts while an earlier one is still up (the
 * citizen's phone rings twice at once), or at any time after an earlier one was answered and its
 * {@code AGI(callback?id=…)} reached the server (the citizen was in the server's hands: the promise was being
 * kept). An Originate answered while the server was dead (its AGI refused) was a failed attempt: the citizen heard
 * a hang-up, and calling again is the retry policy keeping the promise; those are counted apart
 * ({@link #retriesAfterLostAnswers}). One more case is counted apart and not judged a fault: the server died after
 * the citizen answered but before it stored the answer, and on restart recorded that attempt as of unknown outcome
 * (the dialer's documented choice: never lost, at the price of a possible second call);
 * {@link #redialsAfterUnknownOutcome} says how often that window was hit.
 *
 * <p>Not thread-safe; built once from a snapshot of events.
 */
final class OriginateLog {
    static final String ID_VARIABLE = "RAPPEL_CALLBACK_ID";

    /**
     * One Originate of a callback.
     *
     * @param callbackId the {@code RAPPEL_CALLBACK_ID} it carried
     * @param channel    its channel, without the {@code ;1}/{@code ;2} of a Local channel's halves
     * @param started    index of its first event
     * @param answered   index of its answer, or -1
     * @param ended      index of its last channel's hang-up, or -1 while up
     */
    record Originate(String callbackId, String channel, int started, int answered, int ended) {
        boolean wasAnswered() {
            return answered >= 0;
        }

        boolean upAt(int index) {
            return started <= index && (ended < 0 || ended > index);
        }
    }

    private final List<Originate> originates;
    private final List<String> doubleDials;
    private final int retriesAfterLostAnswers;
    private final int redialsAfterUnknownOutcome;

    private OriginateLog(List<Originate> originates, List<String> doubleDials, int retriesAfterLostAnswers,
                         int redialsAfterUnknownOutcome) {
        this.originates = List.copyOf(originates);
        this.doubleDials = List.copyOf(doubleDials);
        this.retriesAfterLostAnswers = retriesAfterLostAnswers;
        this.redialsAfterUnknownOutcome = redialsAfterUnknownOutcome;
    }

    /**
     * Reads AMI events (header maps, in the order sent). Other events than the ones named above are skipped.
     *
     * @param reachedServer  whether the answered call on this channel (without {@code ;1}/{@code ;2}) reached the
     *                       server with its AGI
     * @param unknownOutcome whether the store recorded an attempt of unknown outcome for this callback id (the
     *                       server restarted while it was being dialed)
     */
    static OriginateLog of(List<Map<String, String>> events, Predicate<String> reachedServer,
                           Predicate<String> unknownOutcome) {
        int retries = 0;
        int unknown = 0;
        Map<String, Builder> byChannel = new LinkedHashMap<>();
        Set<String> liveLegs = new HashSet<>();
        List<String> doubleDials = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Map<String, String> event = events.get(i);
            String name = event.getOrDefault("Event", "");
            String leg = event.getOrDefault("Channel", "");
            switch (name) {
                case "Newchannel" -> liveLegs.add(leg);
                case "VarSet" -> {
                    if (ID_VARIABLE.equals(event.get("Variable")) && !byChannel.containsKey(base(leg))) {
                        String id = event.getOrDefault("Value", "");
                        for (Builder earlier : byChannel.values()) {
                            if (!earlier.callbackId.equals(id)) {
                                continue;
                            }
                            if (earlier.answered >= 0 && !reachedServer.test(earlier.channel)) {
                                retries++;
                            } else if (earlier.answered >= 0 && unknownOutcome.test(id)) {
                                unknown++;
                            } else if (earlier.answered >= 0) {
                                doubleDials.add("callback " + id + " dialed again (event " + i + ", " + base(leg)
                                        + ") after its call " + earlier.channel + " was answered (event "
                                        + earlier.answered + ") and reached the server");
                            } else if (earlier.ended < 0) {
                                doubleDials.add("callback " + id + " dialed again (event " + i + ", " + base(leg)
                                        + ") while its call " + earlier.channel + " (from event " + earlier.started
                                        + ") was still up");
                            }
                        }
                        byChannel.put(base(leg), new Builder(id, base(leg), i));
                    }
                }
                case "OriginateResponse" -> {
                    Builder call = byChannel.get(base(leg));
                    if (call != null && "4".equals(event.get("Reason")) && call.answered < 0) {
                        call.answered = i;
                    }
                }
                case "Hangup" -> {
                    liveLegs.remove(leg);
                    Builder call = byChannel.get(base(leg));
                    if (call != null && call.ended < 0 && liveLegs.stream().noneMatch(l -> base(l).equals(call.channel))) {
                        call.ended = i;
                    }
                }
                default -> {
                    // not part of an Originate's life
                }
            }
        }
        return new OriginateLog(byChannel.values().stream().map(Builder::build).toList(), doubleDials, retries,
                unknown);
    }

    /** {@code Local/x@ctx-0000001a;1} and {@code ;2} are one call: {@code Local/x@ctx-0000001a}. */
    static String base(String channel) {
        int semicolon = channel.lastIndexOf(';');
        return semicolon > 0 ? channel.substring(0, semicolon) : channel;
    }

    List<Originate> originates() {
        return originates;
    }

    /** What went wrong, one sentence per double dial; empty when none. */
    List<String> doubleDials() {
        return doubleDials;
    }

    /** New Originates after an answered one whose AGI found the server dead. */
    int retriesAfterLostAnswers() {
        return retriesAfterLostAnswers;
    }

    /**
     * New Originates after an answered one that reached the server, for a callback the restarted server recorded
     * an attempt of unknown outcome for: the crash fell between the answer and its record.
     */
    int redialsAfterUnknownOutcome() {
        return redialsAfterUnknownOutcome;
    }

    /** The callback ids with an answered Originate. */
    Set<String> answeredCallbacks() {
        Set<String> ids = new HashSet<>();
        originates.stream().filter(Originate::wasAnswered).forEach(o -> ids.add(o.callbackId()));
        return ids;
    }

    /** Originates per callback id. */
    Map<String, Long> countByCallback() {
        Map<String, Long> counts = new LinkedHashMap<>();
        originates.forEach(o -> counts.merge(o.callbackId(), 1L, Long::sum));
        return counts;
    }

    private static final class Builder {
        final String callbackId;
        final String channel;
        final int started;
        int answered = -1;
        int ended = -1;

        Builder(String callbackId, String channel, int started) {
            this.callbackId = callbackId;
            this.channel = channel;
            this.started = started;
        }

        Originate build() {
            return new Originate(callbackId, channel, started, answered, ended);
        }
    }
}
