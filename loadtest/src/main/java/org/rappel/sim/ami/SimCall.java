package org.rappel.sim.ami;

/** A call the simulated Asterisk holds channels for (an Originate, a Dial), as the Hangup action finds it. */
interface SimCall {

    /** Hangs up the call's channels from outside (AMI Hangup of one of them, Asterisk stopping). */
    void hangup(String channel, int cause, String causeText);
}
