/**
 * The dialplan of the simulated Asterisk: {@link org.rappel.sim.dialplan.Dialplan} reads an
 * {@code extensions.conf} (the project's {@code asterisk-config/extensions.conf}) as Asterisk's pbx_config does
 * for the few forms Rappel's contexts use, and says what a channel runs at a context, extension and priority;
 * {@link org.rappel.sim.dialplan.Substitution} expands {@code ${VAR}}. Running the applications is the AMI
 * side's job (originated calls). Immutable values, any thread.
 */
package org.rappel.sim.dialplan;
