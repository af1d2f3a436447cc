package io.tributary.console.messages;

import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.EventStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /topics/{topic}/tail}: an event stream of the records written after the call starts ({@code message}
 * events), read with the session's consumer; a heartbeat every 10 s finds a browser that has gone, which ends it.
 * A {@code ready} event gives the end offsets it starts from.
 */
final class Tail {

    private static final long HEARTBEAT_MS = 10_000;
    private static final Duration POLL = Duration.ofMillis(500);

    private Tail() {
    }

    static Object handle(ConsoleRequest request) throws Exception {
        String topic = request.path("topic");
        try (EventStream events = request.eventStream()) {
            try {
                List<TopicPartition> partitions = TopicPartitions.selected(request, topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                follow(request, partitions, events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                StreamFailures.send(events, e);
            }
        }
        return ConsoleRequest.STREAMED;
    }

    private static void follow(ConsoleRequest request, List<TopicPartition> partitions, EventStream events) {
        try (KafkaConsumer<byte[], byte[]> consumer = request.session().clients().newConsumer()) {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<String, Long> start = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                start.put(String.valueOf(tp.partition()), consumer.position(tp, Duration.ofSeconds(10)));
            }
            if (!events.send("ready", Map.of("startOffsets", start))) {
                return;
            }
            long lastSent = System.currentTimeMillis();
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (!events.send("message", MessageJson.of(record))) {
                        return;
                    }
                    lastSent = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastSent >= HEARTBEAT_MS) {
                    if (!events.heartbeat()) {
                        return;
                    }
                    lastSent = System.currentTimeMillis();
                }
            }
        }
    }
}
