package org.rappel.queue;

import java.time.Instant;

/**
 * A waiting contact in a supervisor's snapshot.
 *
 * @param position   1-based place within its service
 * @param enqueuedAt when it first entered a queue (real time; its place is given by the virtual arrival)
 */
public record WaitingContact(Contact contact, int position, Instant enqueuedAt) {
}
