/**
 * The AMI side of the Asterisk simulator: {@link org.rappel.sim.ami.AmiSimulator} listens on a free port and
 * answers as Asterisk 22 does in {@code shared/asterisk/ami-raw} and {@code call-control/q3_*, q4_*}: banner,
 * Login (accepted, refused, "Asterisk is shutting down"), Ping, Originate (async with OriginateResponse reasons
 * 4/5/3/0/8 and the Newchannel/VarSet/DialBegin/DialEnd/Hangup events around it, or sync), Redirect, Hangup,
 * Command, Events, Logoff and Asterisk's error texts.
 *
 * <p>Called parties follow an {@link org.rappel.sim.ami.AnswerPolicy} (answer after a ring time and talk for a
 * drawn time, busy, no answer, congestion, failure; mixes and per-number routes in
 * {@link org.rappel.sim.ami.AnswerPolicies}) drawing from one seeded random source. Tests cut connections, refuse
 * logins, restart or crash Asterisk, starve pings and inject malformed events through the simulator's methods;
 * {@link org.rappel.sim.ami.AmiSimulatorHooks} joins it to the FastAGI side. With a dialplan
 * ({@link org.rappel.sim.ami.AmiSimulator#runDialplan}) an answered Originate runs it, {@code AGI()} included,
 * through the AGI simulator ({@link org.rappel.sim.ami.CallbackOrder} says whether the FastAGI connection or the
 * OriginateResponse comes first); {@link org.rappel.sim.ami.OriginateLog} records every Originate for tests.
 *
 * <p>One event loop owns every connection and the whole simulated state.
 */
package org.rappel.sim.ami;
