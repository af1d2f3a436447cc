package io.tributary.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tributary.console.ConsoleContext;
import io.tributary.console.cluster.ClusterRoutes;
import io.tributary.console.cluster.ThroughputSampler;
import io.tributary.console.groups.GroupsRoutes;
import io.tributary.console.security.SecurityRoutes;
import io.tributary.console.transactions.TransactionsRoutes;
import io.tributary.console.http.Router;
import io.tributary.console.http.StaticAssets;
import io.tributary.console.messages.MessageRoutes;
import io.tributary.console.session.Sessions;
import io.tributary.console.topics.TopicRoutes;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: the pages under {@code /console} and their JSON API under {@code /console/api}. It runs on its
 * own threads (a bounded pool; a long search or a live tail holds one), talks to the cluster through the official
 * clients as the logged-in user, and reads local logs in place only for message search.
 */
public final class Console implements HttpHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    public static final String PREFIX = "/console";
    private static final int MAX_THREADS = 16;

    private final ConsoleContext context;
    private final Sessions sessions;
    private final ApiDispatcher api;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final ThroughputSampler throughput;

    private Console(ConsoleContext context) {
        this.context = context;
        this.sessions = new Sessions(context.settings(), System::currentTimeMillis);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), r -> daemon(r, "tributary-console-" + threads.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tributary-console-timer"));
        this.throughput = new ThroughputSampler(context.rates(), System::currentTimeMillis);
        Router router = new Router();
        SessionRoutes.register(router, sessions, context.settings());
        ClusterRoutes.register(router, context, throughput);
        TopicRoutes.register(router);
        MessageRoutes.register(router, context.localLogs(), context.access());
        GroupsRoutes.register(router, context.settings().readOnly());
        TransactionsRoutes.register(router);
        SecurityRoutes.register(router);
        this.api = new ApiDispatcher(router, sessions, context.settings());
    }

    public static Console start(ConsoleContext context) {
        Console console = new Console(context);
        console.timer.scheduleWithFixedDelay(console.sessions::expireIdle, 1, 1, TimeUnit.MINUTES);
        console.timer.scheduleAtFixedRate(console::sampleThroughput, 0, ThroughputSampler.INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        LOG.info("Web console at {} (clients connect to {}{}{})", PREFIX, context.settings().bootstrapServers(),
                context.settings().loginRequired() ? ", login with " + context.settings().loginMechanism().get() : "",
                context.settings().readOnly() ? ", read-only" : "");
        return console;
    }

    public ConsoleContext context() {
        return context;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** A failing run would cancel the schedule: the charts would silently stop. */
    private void sampleThroughput() {
        try {
            throughput.sample();
        } catch (RuntimeException e) {
            LOG.warn("Could not sample the node's throughput for the console", e);
        }
    }

    /** Hands the exchange to the console's threads at once: the HTTP server's own threads serve metrics too. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            workers.execute(() -> serve(exchange));
        } catch (RejectedExecutionException e) {
            try (exchange) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
            }
        }
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            setSecurityHeaders(exchange);
            String path = exchange.getRequestURI().getPath();
            String sub = path.substring(PREFIX.length());
            if (sub.startsWith("/api/")) {
                api.dispatch(exchange, sub.substring("/api".length()));
                return;
            }
            if (sub.isEmpty()) {
                exchange.getResponseHeaders().set("Location", PREFIX + "/");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!StaticAssets.serve(exchange, sub)) {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Console request {} failed", exchange.getRequestURI(), e);
        }
    }

    private static void setSecurityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' "
                + "'unsafe-inline'; frame-ancestors 'none'; form-action 'self'");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        sessions.close();
    }
}
