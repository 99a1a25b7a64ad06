package org.rappel.queue;

import java.util.List;

/** One service in a supervisor's snapshot: its configuration and its waiting contacts in service order. */
public record ServiceView(ServiceConfig config, List<WaitingContact> waiting) {

    public ServiceView {
        waiting = List.copyOf(waiting);
    }
}
