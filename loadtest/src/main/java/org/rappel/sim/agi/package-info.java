/**
 * The Asterisk simulator, FastAGI side: a simulated Asterisk 22 that connects to a FastAGI server as
 * {@code AGI(agi://…)} does and answers its commands byte for byte as res_agi would, while a scripted caller
 * presses keys and hangs up. Entry point: {@link org.rappel.sim.agi.AgiSimulator}; what a test asserts on:
 * {@link org.rappel.sim.agi.CallTranscript}. Test-side code (compiled as test sources), never in rappel.jar.
 */
package org.rappel.sim.agi;
