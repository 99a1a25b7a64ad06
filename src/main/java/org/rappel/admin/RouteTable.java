package org.rappel.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dispatch of the admin routes by method and path pattern; immutable once built, so every event loop may read it.
 *
 * <p>A pattern is a list of segments, each literal or {@code {name}} (one whole segment, never empty). When
 * several patterns match a path, the one with more literal segments wins, earlier segments first
 * ({@code /api/callbacks/slots} beats {@code /api/callbacks/{id}}); two routes with the same method and the same
 * shape of pattern are refused at construction. Matching is linear in the number of routes: a few dozen.
 */
final class RouteTable {

    /** A route that matched, with its path parameters. */
    record Match(HttpRoute route, Map<String, String> pathParams) {
    }

    private record Pattern(String text, List<String> segments) {
        static Pattern parse(String text) {
            if (!text.startsWith("/")) {
                throw new IllegalArgumentException("route pattern must start with /: " + text);
            }
            List<String> segments = split(text);
            for (String segment : segments) {
                boolean param = segment.startsWith("{") || segment.endsWith("}");
                if (param && (segment.length() < 3 || !segment.startsWith("{") || !segment.endsWith("}"))) {
                    throw new IllegalArgumentException("bad path parameter '" + segment + "' in " + text);
                }
            }
            return new Pattern(text, segments);
        }

        static boolean isParam(String segment) {
            return segment.startsWith("{");
        }

        /** Same length and same literal/parameter places, same literals: the two would always tie. */
        String shape() {
            StringBuilder shape = new StringBuilder();
            for (String segment : segments) {
                shape.append('/').append(isParam(segment) ? "{}" : segment);
            }
            return shape.toString();
        }

        Optional<Map<String, String>> match(List<String> path) {
            if (path.size() != segments.size()) {
                return Optional.empty();
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                String actual = path.get(i);
                if (isParam(segment)) {
                    if (actual.isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(segment.substring(1, segment.length() - 1),
                            QueryStringDecoder.decodeComponent(actual, StandardCharsets.UTF_8));
                } else if (!segment.equals(actual)) {
                    return Optional.empty();
                }
            }
            return Optional.of(params);
        }
    }

    /** Literal segments first (left to right), so the most specific pattern is tried first. */
    private static final Comparator<Pattern> SPECIFIC_FIRST = (a, b) -> {
        int n = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < n; i++) {
            boolean aParam = Pattern.isParam(a.segments().get(i));
            boolean bParam = Pattern.isParam(b.segments().get(i));
            if (aParam != bParam) {
                return aParam ? 1 : -1;
            }
        }
        return Integer.compare(a.segments().size(), b.segments().size());
    };

    private record Entry(Pattern pattern, HttpRoute route) {
    }

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<HttpRoute> routes) {
        Map<String, HttpRoute> seen = new HashMap<>();
        for (HttpRoute route : routes) {
            Pattern pattern = Pattern.parse(route.path());
            HttpRoute previous = seen.put(route.method() + " " + pattern.shape(), route);
            if (previous != null) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path()
                        + (previous.path().equals(route.path()) ? "" : " and " + previous.path()));
            }
            entries.add(new Entry(pattern, route));
        }
        entries.sort(Comparator.comparing(Entry::pattern, SPECIFIC_FIRST));
    }

    Optional<Match> find(HttpMethod method, String path) {
        List<String> segments = split(path);
        for (Entry entry : entries) {
            if (entry.route().method().equals(method)) {
                Optional<Map<String, String>> params = entry.pattern().match(segments);
                if (params.isPresent()) {
                    return Optional.of(new Match(entry.route(), params.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods a path answers, for a 405's {@code Allow} header; empty when no pattern matches the path. */
    Set<String> methodsOf(String path) {
        List<String> segments = split(path);
        Set<String> methods = new TreeSet<>();
        for (Entry entry : entries) {
            if (entry.pattern().match(segments).isPresent()) {
                methods.add(entry.route().method().name());
            }
        }
        return methods;
    }

    /** {@code /a/b/} and {@code /a/b} are the same path; an empty segment ({@code /a//b}) stays empty. */
    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }
}
