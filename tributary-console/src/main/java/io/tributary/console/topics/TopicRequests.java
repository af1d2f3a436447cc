package io.tributary.console.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/** Checks the JSON of the topic calls before anything reaches the cluster: a clear 400 for what is malformed. */
final class TopicRequests {

    private TopicRequests() {
    }

    /** A topic name Kafka accepts (legal characters, at most 249 of them, not "." or ".."). */
    static String topicName(JsonNode body) {
        JsonNode node = body.path("name");
        if (!node.isTextual() || node.asText().isBlank()) {
            throw HttpError.badRequest("name is required: the topic's name");
        }
        String name = node.asText();
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new HttpError(400, e.getMessage(), "INVALID_TOPIC_EXCEPTION");
        }
        return name;
    }

    /** An optional whole number within [min, max]; absent or null means the broker's default. */
    static Optional<Integer> wholeNumber(JsonNode body, String field, int min, int max) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return Optional.empty();
        }
        long value;
        if (node.isIntegralNumber()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,10}")) {
            value = Long.parseLong(node.asText().trim());
        } else {
            throw HttpError.badRequest(field + " must be a whole number, not " + node);
        }
        if (value < min || value > max) {
            throw HttpError.badRequest(field + " must be from " + min + " to " + max + ", not " + value);
        }
        return Optional.of((int) value);
    }

    static int requiredWholeNumber(JsonNode body, String field, int min, int max) {
        return wholeNumber(body, field, min, max)
                .orElseThrow(() -> HttpError.badRequest(field + " is required"));
    }

    /** An object of config names to values; numbers and booleans are taken as their text. */
    static Map<String, String> configs(JsonNode body, String field) {
        JsonNode node = body.path(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw HttpError.badRequest(field + " must be an object of config names to values");
        }
        for (var entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (entry.getKey().isBlank() || !value.isValueNode() || value.isNull()) {
                throw HttpError.badRequest(field + "." + entry.getKey() + " must be a config name with a text, "
                        + "number or boolean value");
            }
            out.put(entry.getKey(), value.asText());
        }
        return out;
    }

    /** An array of config names. */
    static List<String> names(JsonNode body, String field) {
        JsonNode node = body.path(field);
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw HttpError.badRequest(field + " must be an array of config names");
        }
        for (JsonNode name : node) {
            if (!name.isTextual() || name.asText().isBlank()) {
                throw HttpError.badRequest(field + " must hold config names, not " + name);
            }
            out.add(name.asText());
        }
        return out;
    }
}
