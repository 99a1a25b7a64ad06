package org.rappel.ami;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event and link listeners of one connection. Added from any thread; called on the connection's event loop.
 * A listener that throws is logged and the others still get the event.
 */
final class AmiListeners {
    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

    private final List<AmiEventListener> events = new CopyOnWriteArrayList<>();
    private final List<AmiLinkListener> links = new CopyOnWriteArrayList<>();

    void addEventListener(AmiEventListener listener) {
        events.add(listener);
    }

    void removeEventListener(AmiEventListener listener) {
        events.remove(listener);
    }

    void addLinkListener(AmiLinkListener listener) {
        links.add(listener);
    }

    void tell(AmiLinkChange change) {
        for (AmiLinkListener l : links) {
            try {
                l.onLinkChange(change);
            } catch (RuntimeException e) {
                log.error("AMI link listener {} failed on {}", l, change.kind(), e);
            }
        }
    }

    void deliver(AmiEvent event) {
        for (AmiEventListener l : events) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.error("AMI event listener {} failed on {}", l, event.name(), e);
            }
        }
    }
}
