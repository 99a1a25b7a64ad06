package org.rappel.queue;

/** What waits in a queue: a caller on hold now, or a request to be called back later. */
public enum ContactKind {
    /** A caller on hold on an open channel; served by connecting that channel to the agent. */
    LIVE_CALL,
    /** A callback request; served by calling the citizen (or the agent first) when an agent is reserved. */
    CALLBACK
}
