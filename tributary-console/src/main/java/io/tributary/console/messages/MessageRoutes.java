package io.tributary.console.messages;

import io.tributary.console.broker.AccessControl;
import io.tributary.console.broker.LocalLogs;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.RouteHandler;
import io.tributary.console.http.Router;
import java.util.concurrent.Semaphore;

/**
 * The messages API: browse, live tail, search next to the log, and producing a test message. It is given the local
 * replicas and the broker's authorizer rather than the console's context, so this package never needs its parent.
 */
public final class MessageRoutes {

    /**
     * Open searches and tails at once: each holds one of the console's 16 threads for as long as it runs, so half are
     * kept for the pages' ordinary calls.
     */
    static final int MAX_OPEN_STREAMS = 8;

    private MessageRoutes() {
    }

    public static void register(Router router, LocalLogs localLogs, AccessControl access) {
        Semaphore streams = new Semaphore(MAX_OPEN_STREAMS);
        router.get("/topics/{topic}/messages", request -> Browse.handle(request, localLogs, access));
        router.get("/topics/{topic}/tail", bounded(streams, Tail::handle));
        router.get("/topics/{topic}/search", bounded(streams, request -> Search.handle(request, localLogs, access)));
        router.post("/topics/{topic}/messages", Produce::handle);
    }

    private static RouteHandler bounded(Semaphore streams, RouteHandler stream) {
        return request -> {
            if (!streams.tryAcquire()) {
                throw new HttpError(429, "Too many searches and live tails are open (at most " + MAX_OPEN_STREAMS
                        + "); close one and try again", "TOO_MANY_STREAMS");
            }
            try {
                return stream.handle(request);
            } finally {
                streams.release();
            }
        };
    }
}
