package io.tributary.console.messages;

import io.tributary.console.http.EventStream;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.KafkaErrors;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event stream's last word when it fails: a {@code failure} event with the error and Kafka's error name. */
final class StreamFailures {

    private StreamFailures() {
    }

    static void send(EventStream events, Throwable thrown) {
        HttpError error = KafkaErrors.toHttp(thrown);
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("error", error.getMessage());
        failure.put("code", error.code());
        failure.put("status", error.status());
        events.send("failure", failure);
    }
}
