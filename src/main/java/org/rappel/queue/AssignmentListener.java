package org.rappel.queue;

/**
 * Told of every {@link Assignment}, so that the call path can dial.
 *
 * <p>Called on the contact center's owner thread: it must return quickly and never block (hand the work to the
 * call's own executor). It must not wait for the contact center. If it throws, the offer counts as failed
 * with {@link OfferOutcome#UNAVAILABLE}: the contact goes back to its place and the agent is paused.
 */
@FunctionalInterface
public interface AssignmentListener {

    void assigned(Assignment assignment);
}
