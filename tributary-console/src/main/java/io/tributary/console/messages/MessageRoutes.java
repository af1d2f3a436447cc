package io.tributary.console.messages;

import io.tributary.console.ConsoleContext;
import io.tributary.console.http.Router;

/** The messages API: browse, live tail, search next to the log, and producing a test message. */
public final class MessageRoutes {

    private MessageRoutes() {
    }

    public static void register(Router router, ConsoleContext context) {
        router.get("/topics/{topic}/messages", Browse::handle);
        router.get("/topics/{topic}/tail", Tail::handle);
        router.get("/topics/{topic}/search", request -> Search.handle(request, context));
        router.post("/topics/{topic}/messages", Produce::handle);
    }
}
