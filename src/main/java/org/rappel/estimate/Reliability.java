package org.rappel.estimate;

/** Whether an estimate may be promised to a caller, and if not, why. */
public enum Reliability {
    /** Enough recent history and agents at work: the figure may be announced. */
    RELIABLE,
    /** The estimator has not yet seen enough answered or completed contacts in this service. */
    TOO_FEW_OBSERVATIONS,
    /** Nobody is logged in for the service: any figure would be a guess. */
    NO_AGENTS
}
