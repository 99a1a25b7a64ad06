package org.rappel.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Exact-path dispatch of the admin routes; immutable once built, so every event loop may read it. */
final class RouteTable {
    private final Map<String, Map<HttpMethod, HttpRoute>> byPath = new HashMap<>();

    RouteTable(List<HttpRoute> routes) {
        for (HttpRoute route : routes) {
            HttpRoute previous = byPath.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method(), route);
            if (previous != null) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
            }
        }
    }

    Optional<HttpRoute> find(HttpMethod method, String path) {
        return Optional.ofNullable(byPath.getOrDefault(path, Map.of()).get(method));
    }

    /** The methods a path answers, for a 405's {@code Allow} header; empty when the path is unknown. */
    Set<String> methodsOf(String path) {
        Set<String> methods = new TreeSet<>();
        byPath.getOrDefault(path, Map.of()).keySet().forEach(m -> methods.add(m.name()));
        return methods;
    }
}
