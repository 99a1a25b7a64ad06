package org.rappel.queue;

import java.time.Instant;
import java.util.List;

/** The supervisor's view of every service and agent, taken at one moment on the owner thread. */
public record QueueSnapshot(Instant takenAt, List<ServiceView> services, List<AgentView> agents) {

    public QueueSnapshot {
        services = List.copyOf(services);
        agents = List.copyOf(agents);
    }
}
