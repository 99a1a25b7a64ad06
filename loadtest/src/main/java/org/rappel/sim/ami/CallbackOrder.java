package org.rappel.sim.ami;

/**
 * Which comes first when an originated call is answered into a dialplan that runs {@code AGI()}: the FastAGI
 * connection or the {@code OriginateResponse} event. Real Asterisk starts the channel's dialplan and reports the
 * Originate from different threads, so both orders happen (call-control/q3_cb_agi.log: the Application form
 * reported first, the Context form connected first); a server must handle either.
 */
public enum CallbackOrder {
    /** As captured: Context/Exten form connects the AGI first, Application form reports first. */
    AS_CAPTURED,
    /** The {@code agi_*} environment is written to the server before {@code OriginateResponse} goes out. */
    AGI_FIRST,
    /** {@code OriginateResponse} first, then the AGI connection. */
    RESPONSE_FIRST,
    /** Either, drawn from the simulator's seeded random source for each answered call. */
    MIXED
}
