/**
 * The contact-center core: contacts waiting per service, agents, and the dispatcher matching them. Pure domain
 * code, no network: the call path (FastAGI, IVR), the AMI side and the admin API drive it through
 * {@link org.rappel.queue.ContactCenter}, whose class comment states the rules (order, dispatch, outcomes).
 *
 * <h2>How the others plug in</h2>
 * <ul>
 *   <li>IVR, caller chooses to hold: {@code enqueue(contact)}; position announcements from {@code status(id)};
 *       caller hangs up while waiting or ringing an agent: {@code remove(id, ABANDONED)}.</li>
 *   <li>IVR, caller switches to a callback: {@code remove(id, WITHDRAWN)}, then {@code enqueue} a
 *       {@link org.rappel.queue.ContactKind#CALLBACK} contact with the same priority class and virtual arrival:
 *       it takes the caller's place.</li>
 *   <li>Call path: {@code addAssignmentListener}; on each {@link org.rappel.queue.Assignment}, dial its
 *       {@code dialString} from the caller's AGI session (or originate the callback), then report
 *       {@code connected(id)}, {@code offerFailed(id, BUSY | NO_ANSWER | UNAVAILABLE)}, and at the end
 *       {@code callEnded(id)}. A citizen not answering a callback is not the agent's fault: report
 *       {@code remove(id, WITHDRAWN)} (the agent is freed) and re-enqueue per the retry policy.</li>
 *   <li>Agents and supervisors (console, REST, AMI queue-member events): {@code login}, {@code logout},
 *       {@code pause}, {@code unpause}, {@code move}, {@code changePriority}, {@code snapshot}.</li>
 * </ul>
 *
 * <h2>Inside</h2>
 * {@code ContactCenter} (facade, owner thread) &rarr; {@code Dispatcher} (single-threaded state and matching)
 * &rarr; {@code ServiceQueues} (per-service {@code WaitingLine}s: per priority class an append-mostly array plus a
 * treap, O(log n) removal and position), {@code AgentRoster} (agents, available agents by skill) and {@code AgentLifecycle} (agent state
 * machine, wrap-up timers); {@code QueueMetrics} for Micrometer.
 */
package org.rappel.queue;
