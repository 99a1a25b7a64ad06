package org.rappel.admin;

/**
 * Where the HTTP side (health, metrics, later the API and the console) listens.
 *
 * @param bindHost       address to listen on
 * @param port           TCP port; 0 picks a free one (tests)
 * @param maxRequestBytes largest request (headers and body) accepted; larger ones get 413
 */
public record HttpSettings(String bindHost, int port, int maxRequestBytes) {

    public static HttpSettings defaults() {
        return new HttpSettings("0.0.0.0", 8080, 1 << 20);
    }
}
