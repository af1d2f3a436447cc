package io.tributary.console.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The console's pages, scripts and styles, served from the class path: ours under {@code /console/static/} and
 * uPlot's WebJar under {@code /console/vendor/uplot/}. Nothing is built at run time.
 */
public final class StaticAssets {

    private static final String OWN = "io/tributary/console/static/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private StaticAssets() {
    }

    /** Serves the asset for a path below /console; false when there is none. */
    public static boolean serve(HttpExchange exchange, String subPath) throws IOException {
        Optional<String> resource = resourceOf(subPath);
        if (resource.isEmpty()) {
            return false;
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource.get())) {
            if (in == null) {
                return false;
            }
            byte[] bytes = in.readAllBytes();
            String name = resource.get();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            exchange.getResponseHeaders().set("Content-Type", type);
            // index.html names the scripts, so it must not be cached across an upgrade; the rest may briefly.
            exchange.getResponseHeaders().set("Cache-Control", name.endsWith(".html") ? "no-cache" : "max-age=300");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            return true;
        }
    }

    private static Optional<String> resourceOf(String subPath) {
        if (subPath.contains("..") || subPath.contains("//") || subPath.contains("\\")) {
            return Optional.empty();
        }
        if (subPath.isEmpty() || subPath.equals("/") || subPath.equals("/index.html")) {
            return Optional.of(OWN + "index.html");
        }
        if (subPath.startsWith("/static/")) {
            return Optional.of(OWN + subPath.substring("/static/".length()));
        }
        if (subPath.startsWith("/vendor/uplot/")) {
            return Optional.of(UPLOT + subPath.substring("/vendor/uplot/".length()));
        }
        return Optional.empty();
    }
}
