package io.tributary.metrics;

import com.codahale.metrics.Meter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Kafka's {@code kafka.server:type=BrokerTopicMetrics} meters, broker-wide (no tag) and per {@code topic}. The hot
 * paths call these once per partition of a request, never per record: a topic's meters are looked up in a concurrent
 * map (no lock on a hit) and created on first use, as Kafka does.
 */
public final class BrokerTopicStats {

    static final String GROUP = "kafka.server";
    static final String TYPE = "BrokerTopicMetrics";

    /** The meters of one topic, or of all topics together. */
    public static final class TopicMeters {
        final Meter messagesIn;
        final Meter bytesIn;
        final Meter bytesOut;
        final Meter bytesRejected;
        final Meter failedProduceRequests;
        final Meter failedFetchRequests;
        final Meter totalProduceRequests;
        final Meter totalFetchRequests;

        TopicMeters(KafkaMetrics metrics, String topic) {
            messagesIn = metrics.meter(name("MessagesInPerSec", topic), "messages");
            bytesIn = metrics.meter(name("BytesInPerSec", topic), "bytes");
            bytesOut = metrics.meter(name("BytesOutPerSec", topic), "bytes");
            bytesRejected = metrics.meter(name("BytesRejectedPerSec", topic), "bytes");
            failedProduceRequests = metrics.meter(name("FailedProduceRequestsPerSec", topic), "requests");
            failedFetchRequests = metrics.meter(name("FailedFetchRequestsPerSec", topic), "requests");
            totalProduceRequests = metrics.meter(name("TotalProduceRequestsPerSec", topic), "requests");
            totalFetchRequests = metrics.meter(name("TotalFetchRequestsPerSec", topic), "requests");
        }
    }

    static final String[] PER_TOPIC = {"MessagesInPerSec", "BytesInPerSec", "BytesOutPerSec", "BytesRejectedPerSec",
        "FailedProduceRequestsPerSec", "FailedFetchRequestsPerSec", "TotalProduceRequestsPerSec",
        "TotalFetchRequestsPerSec"};

    private final KafkaMetrics metrics;
    private final TopicMeters allTopics;
    private final Meter replicationBytesIn;
    private final Meter replicationBytesOut;
    private final ConcurrentMap<String, TopicMeters> topics = new ConcurrentHashMap<>();

    public BrokerTopicStats(KafkaMetrics metrics) {
        this.metrics = metrics;
        this.allTopics = new TopicMeters(metrics, null);
        this.replicationBytesIn = metrics.meter(name("ReplicationBytesInPerSec", null), "bytes");
        this.replicationBytesOut = metrics.meter(name("ReplicationBytesOutPerSec", null), "bytes");
    }

    /** Stats nobody reads: for components built without a broker (unit tests). */
    public static BrokerTopicStats detached() {
        return new BrokerTopicStats(new KafkaMetrics());
    }

    public TopicMeters topic(String topic) {
        TopicMeters meters = topics.get(topic);
        return meters != null ? meters : topics.computeIfAbsent(topic, t -> new TopicMeters(metrics, t));
    }

    /** A produce request's batch for one partition, appended (or refused below). */
    public void produceRequest(TopicMeters topic) {
        topic.totalProduceRequests.mark();
        allTopics.totalProduceRequests.mark();
    }

    public void appended(TopicMeters topic, int bytes, int messages) {
        topic.bytesIn.mark(bytes);
        allTopics.bytesIn.mark(bytes);
        topic.messagesIn.mark(messages);
        allTopics.messagesIn.mark(messages);
    }

    /** A partition's produce that failed; {@code rejectedBytes} > 0 when its records were refused as invalid. */
    public void produceFailed(TopicMeters topic, int rejectedBytes) {
        topic.failedProduceRequests.mark();
        allTopics.failedProduceRequests.mark();
        if (rejectedBytes > 0) {
            topic.bytesRejected.mark(rejectedBytes);
            allTopics.bytesRejected.mark(rejectedBytes);
        }
    }

    /** A consumer's fetch of one partition: bytes sent, or a failure. */
    public void fetched(TopicMeters topic, int bytes, boolean failed) {
        topic.totalFetchRequests.mark();
        allTopics.totalFetchRequests.mark();
        if (failed) {
            topic.failedFetchRequests.mark();
            allTopics.failedFetchRequests.mark();
        } else if (bytes > 0) {
            topic.bytesOut.mark(bytes);
            allTopics.bytesOut.mark(bytes);
        }
    }

    /** A follower's fetch of one partition from this leader (Kafka counts it apart from consumers' bytes out). */
    public void followerFetched(TopicMeters topic, int bytes, boolean failed) {
        topic.totalFetchRequests.mark();
        allTopics.totalFetchRequests.mark();
        if (failed) {
            topic.failedFetchRequests.mark();
            allTopics.failedFetchRequests.mark();
        } else if (bytes > 0) {
            replicationBytesOut.mark(bytes);
        }
    }

    /** Bytes a follower replica wrote from its leader. */
    public void replicated(int bytes) {
        replicationBytesIn.mark(bytes);
    }

    /** All topics' BytesInPerSec count since start: bytes producers appended here (the console samples it). */
    public long totalBytesIn() {
        return allTopics.bytesIn.getCount();
    }

    /** All topics' BytesOutPerSec count since start: bytes sent to consumers (followers' bytes are not counted). */
    public long totalBytesOut() {
        return allTopics.bytesOut.getCount();
    }

    /** All topics' MessagesInPerSec count since start. */
    public long totalMessagesIn() {
        return allTopics.messagesIn.getCount();
    }

    /** Drops a deleted topic's meters, as Kafka does. */
    public void removeTopic(String topic) {
        if (topics.remove(topic) != null) {
            for (String name : PER_TOPIC) {
                metrics.remove(name(name, topic));
            }
        }
    }

    private static MetricName name(String name, String topic) {
        return topic == null ? MetricName.of(GROUP, TYPE, name) : MetricName.of(GROUP, TYPE, name, "topic", topic);
    }
}
