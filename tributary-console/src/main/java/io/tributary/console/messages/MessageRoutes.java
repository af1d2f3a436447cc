package io.tributary.console.messages;

import io.tributary.console.broker.AccessControl;
import io.tributary.console.broker.LocalLogs;
import io.tributary.console.http.Router;

/**
 * The messages API: browse, live tail, search next to the log, and producing a test message. It is given the local
 * replicas and the broker's authorizer rather than the console's context, so this package never needs its parent.
 */
public final class MessageRoutes {

    private MessageRoutes() {
    }

    public static void register(Router router, LocalLogs localLogs, AccessControl access) {
        router.get("/topics/{topic}/messages", Browse::handle);
        router.get("/topics/{topic}/tail", Tail::handle);
        router.get("/topics/{topic}/search", request -> Search.handle(request, localLogs, access));
        router.post("/topics/{topic}/messages", Produce::handle);
    }
}
