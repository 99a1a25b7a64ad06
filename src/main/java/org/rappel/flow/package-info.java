/**
 * IVR flows: hotlines declared in YAML flow files (schema at the top of {@code flows/hotline.yaml}), checked at
 * load, and run for each call as a non-blocking state machine over the call's {@link org.rappel.agi.AgiSession}.
 *
 * <p>Public surface: {@link org.rappel.flow.FlowCatalog} (load the flows; the FastAGI script mapping),
 * {@link org.rappel.flow.FlowDefinitionException} (a refused flow file, {@code <file>:<line>: <reason>}),
 * {@link org.rappel.flow.ServiceQueue} and {@link org.rappel.flow.EnqueueRequest} (where an {@code enqueue} node
 * hands its caller), {@link org.rappel.flow.FlowOutcome} (how a call left its flow),
 * {@link org.rappel.flow.ContactCenterQueue} (holding, announcements, connection to agents, and, given a
 * {@code CallbackDesk}, the callback offer and dialog that keep the caller's place).
 *
 * <p>Threads: a loaded catalog is immutable; each call's run and its node visits are owned by that session's
 * executor thread, and never block it.
 */
package org.rappel.flow;
