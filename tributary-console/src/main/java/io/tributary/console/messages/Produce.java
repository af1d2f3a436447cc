package io.tributary.console.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * {@code POST /topics/{topic}/messages}: one test message (UTF-8 key, value and header values) written with the
 * session's producer (acks=all), answered with where it landed. The topic is described first, so an unknown topic
 * is a quick 404 rather than the producer's metadata wait.
 */
final class Produce {

    private Produce() {
    }

    static Map<String, Object> handle(ConsoleRequest request) throws Exception {
        String topic = request.path("topic");
        JsonNode body = request.body();
        Integer partition = optionalPartition(body.get("partition"));
        if (partition != null) {
            int wanted = partition;
            boolean exists = TopicPartitions.all(request, topic).stream().anyMatch(p -> p.partition() == wanted);
            if (!exists) {
                throw new HttpError(404, "Topic " + topic + " has no partition " + wanted,
                        "UNKNOWN_TOPIC_OR_PARTITION");
            }
        } else {
            TopicPartitions.all(request, topic);
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, null,
                utf8(body.get("key"), "key"), utf8(body.get("value"), "value"), headers(body.get("headers")));
        RecordMetadata written = request.session().clients().producer().send(record).get(30, TimeUnit.SECONDS);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partition", written.partition());
        out.put("offset", written.offset());
        out.put("timestamp", written.timestamp());
        return out;
    }

    private static Integer optionalPartition(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw HttpError.badRequest("partition must be a partition number");
        }
        return node.asInt();
    }

    private static byte[] utf8(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw HttpError.badRequest(name + " must be a string or null");
        }
        return node.textValue().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Header> headers(JsonNode node) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            throw HttpError.badRequest("headers must be a list of {key, value}");
        }
        for (JsonNode header : node) {
            JsonNode key = header.get("key");
            if (key == null || !key.isTextual() || key.textValue().isEmpty()) {
                throw HttpError.badRequest("Every header needs a key");
            }
            headers.add(new RecordHeader(key.textValue(), utf8(header.get("value"), "A header value")));
        }
        return headers;
    }
}
