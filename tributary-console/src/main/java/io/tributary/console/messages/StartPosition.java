package io.tributary.console.messages;

import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.HttpError;
import java.util.Locale;

/** Where reading starts: {@code from=beginning|end|offset|timestamp} with its {@code offset} or {@code timestamp}. */
record StartPosition(From from, long offset, long timestamp) {

    enum From { BEGINNING, END, OFFSET, TIMESTAMP }

    static StartPosition of(ConsoleRequest request, String defaultFrom) {
        String name = request.query("from", defaultFrom);
        From from;
        try {
            from = From.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("from must be beginning, end, offset or timestamp, not '" + name + "'");
        }
        long offset = request.queryLong("offset", -1);
        long timestamp = request.queryLong("timestamp", -1);
        if (from == From.OFFSET && offset < 0) {
            throw HttpError.badRequest("from=offset needs offset=<n>, n >= 0");
        }
        if (from == From.TIMESTAMP && timestamp < 0) {
            throw HttpError.badRequest("from=timestamp needs timestamp=<epoch ms>");
        }
        return new StartPosition(from, offset, timestamp);
    }
}
