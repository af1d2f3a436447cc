package io.tributary.console.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes by method and path pattern; a pattern segment in braces ({@code /api/topics/{topic}}) is a path parameter
 * (URL-decoded). Routes marked {@linkplain #post changing} are refused in read-only mode and need the session's CSRF
 * token.
 */
public final class Router {

    /** A matched route: its handler, whether it changes anything, and the path parameters. */
    public record Match(RouteHandler handler, boolean changing, Map<String, String> params) {
    }

    private record Route(String method, String[] segments, RouteHandler handler, boolean changing) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router get(String pattern, RouteHandler handler) {
        return add("GET", pattern, handler, false);
    }

    public Router post(String pattern, RouteHandler handler) {
        return add("POST", pattern, handler, true);
    }

    public Router put(String pattern, RouteHandler handler) {
        return add("PUT", pattern, handler, true);
    }

    public Router delete(String pattern, RouteHandler handler) {
        return add("DELETE", pattern, handler, true);
    }

    /** A POST that changes nothing in the cluster (login, logout, a dry run): no read-only refusal. */
    public Router postReading(String pattern, RouteHandler handler) {
        return add("POST", pattern, handler, false);
    }

    private Router add(String method, String pattern, RouteHandler handler, boolean changing) {
        routes.add(new Route(method, split(pattern), handler, changing));
        return this;
    }

    /** The route for this method and path; empty when none matches. */
    public Optional<Match> match(String method, String path) {
        String[] segments = split(path);
        for (Route route : routes) {
            if (!route.method.equals(method) || route.segments.length != segments.length) {
                continue;
            }
            Map<String, String> params = matchSegments(route.segments, segments);
            if (params != null) {
                return Optional.of(new Match(route.handler, route.changing, params));
            }
        }
        return Optional.empty();
    }

    /** Whether any route has this path (with another method): 405 rather than 404. */
    public boolean knowsPath(String path) {
        String[] segments = split(path);
        return routes.stream().anyMatch(r -> r.segments.length == segments.length
                && matchSegments(r.segments, segments) != null);
    }

    private static Map<String, String> matchSegments(String[] pattern, String[] actual) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), decode(actual[i]));
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
