package org.rappel.sim.agi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code EXEC Dial} places its outgoing calls: the simulated far ends (agents, citizens) and the AMI events
 * about them. The AMI simulator is one ({@code AmiSimulator.dialer()}); any test double of the far ends is another.
 * Implementations must be thread-safe: {@link #dial} is called on the AGI call's event loop, listeners may be
 * called on any thread.
 */
public interface Dialer {

    /** Starts ringing the destinations; the outcome comes through {@code listener}, exactly one {@code ended}. */
    DialAttempt dial(DialRequest request, DialListener listener);

    /**
     * @param callerChannel the AGI channel that runs Dial ({@code agi_channel})
     * @param destinations  {@code Tech/resource} strings from the Dial arguments ({@code &}-separated there)
     * @param timeout       the ring timeout; empty rings forever (Dial with no or a non-positive timeout)
     * @param timeScale     the simulator's time scale: ring and talk times are multiplied by it
     */
    record DialRequest(String callerChannel, String callerUniqueid, String callerIdNum, String context, String exten,
                       int priority, List<String> destinations, Optional<Duration> timeout, double timeScale) {
        public DialRequest {
            destinations = List.copyOf(destinations);
        }
    }

    /** What happens to a Dial; called on the dialer's thread (post to the call's loop before acting). */
    interface DialListener {

        /** A destination answered and is bridged with the caller. */
        void answered(String peerChannel, String peerNumber);

        /**
         * The Dial is over without the caller hanging up: {@code ANSWER} when the bridged peer hung up,
         * {@code NOANSWER}, {@code BUSY}, {@code CONGESTION}, {@code CHANUNAVAIL} otherwise.
         */
        void ended(String dialStatus);
    }

    /** A Dial in progress, for the caller's side to end. Thread-safe. */
    interface DialAttempt {

        /** The caller hung up: ringing peers are cancelled, a conversation ends. No {@code ended} follows. */
        void callerHungUp();
    }
}
