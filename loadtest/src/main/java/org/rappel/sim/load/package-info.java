/** Load mode of the Asterisk simulator: many scripted calls against a FastAGI server, with a latency report. */
package org.rappel.sim.load;
