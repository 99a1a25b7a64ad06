package org.rappel.admin;

import java.util.concurrent.Executor;

/** A request let into an API endpoint: the exchange, and the caller its token names. */
record ApiRequest(HttpExchange exchange, ApiCaller caller) {

    String pathParam(String name) {
        return exchange.pathParam(name);
    }

    /** The connection's event loop: continue there after another thread's future, never on that thread. */
    Executor loop() {
        return exchange.eventLoop();
    }
}
