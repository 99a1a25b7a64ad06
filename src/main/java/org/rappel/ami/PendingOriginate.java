package org.rappel.ami;

import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous Originate in flight.
 *
 * @param actionId the ActionID it was sent with: the only link to its outcome when the call fails
 * @param queued   Asterisk's immediate response ({@code Originate successfully queued} or an error)
 * @param outcome  the {@link OriginateResponseEvent}; fails with {@link AmiActionFailedException} when it was not
 *                 queued, {@link AmiConnectionException} when the link dropped first (the call may still be
 *                 going on: resync), or {@link java.util.concurrent.TimeoutException} past its ring timeout plus
 *                 the action timeout. Completes on the connection's event loop.
 */
public record PendingOriginate(
        String actionId,
        CompletableFuture<AmiResponse> queued,
        CompletableFuture<OriginateResponseEvent> outcome) {
}
