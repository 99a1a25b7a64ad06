/**
 * Asterisk Manager Interface client: one {@link org.rappel.ami.AmiConnection} per Asterisk, on Netty.
 *
 * <p>Layers, bottom up: {@code AmiDecoder} (banner, then {@code Name: Value} blocks ended by an empty line; bad
 * input comes out as data, never as a closed connection) and {@code AmiActionEncoder}; the value types
 * ({@link org.rappel.ami.AmiMessage} = {@link org.rappel.ami.AmiResponse} | {@link org.rappel.ami.AmiEvent}, typed
 * events for what Rappel acts on, {@link org.rappel.ami.AmiAction} records); {@code AmiLink}, the state machine
 * (login, {@code FullyBooted}, keepalive, backoff, restart detection) with {@code PendingActions} and
 * {@code OriginateOutcomes} for ActionID correlation; and the public facade {@link org.rappel.ami.AmiConnection}.
 *
 * <p>The wire forms are those of Asterisk 22 in {@code shared/asterisk/ami-raw}; the tests decode those captures
 * byte for byte and drive the client against the simulator in {@code loadtest/…/sim/ami}.
 */
package org.rappel.ami;
