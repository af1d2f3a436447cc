package io.tributary.console.http;

/** Answers one console request; runs on the console's own threads, never on the broker's. */
@FunctionalInterface
public interface RouteHandler {

    /** Returns the JSON body to send with 200, or {@link ConsoleRequest#STREAMED} after writing the response itself. */
    Object handle(ConsoleRequest request) throws Exception;
}
