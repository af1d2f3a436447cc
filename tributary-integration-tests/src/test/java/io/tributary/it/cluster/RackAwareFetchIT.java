package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.tributary.it.support.TopicNames;
import io.tributary.it.support.RawKafkaConnection;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Racks and follower fetching on four child-process nodes over two racks (1 and 3 in rack-a, 2 and 4 in rack-b) with
 * Kafka's {@code RackAwareReplicaSelector}: placement alternates racks, and a consumer with {@code client.rack} reads
 * every record from the follower in its rack. The lag from a producer's acks=all acknowledgement to the record
 * reaching that consumer is measured and printed (not asserted).
 */
@Tag("cluster")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RackAwareFetchIT {

    private static final Map<Integer, String> RACKS = Map.of(1, "rack-a", 2, "rack-b", 3, "rack-a", 4, "rack-b");
    private static final int RECORDS = 2_000;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(4,
            Map.of("replica.selector.class", "org.apache.kafka.common.replica.RackAwareReplicaSelector",
                    "replica.fetch.wait.max.ms", "500"),
            id -> Map.of("broker.rack", RACKS.get(id)));

    @Test
    void replicasAlternateRacksOnCreationAndWhenPartitionsAreAdded() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = TopicNames.unique("striped");
        Map<Integer, String> registered = cluster.state().admin().describeCluster().nodes().get(15, TimeUnit.SECONDS)
                .stream().collect(Collectors.toMap(Node::id, Node::rack));

        // when
        cluster.state().admin().createTopics(List.of(new NewTopic(topic, 8, (short) 2))).all()
                .get(15, TimeUnit.SECONDS);
        cluster.state().admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(12))).all()
                .get(15, TimeUnit.SECONDS);

        // then (the brokers learn the new partitions from the metadata log a moment after the controller answered)
        assertThat(registered).isEqualTo(RACKS);
        await("12 partitions described").atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.state().topic(topic).partitions().size() == 12);
        TopicDescription description = cluster.state().topic(topic);
        System.out.println(cluster.state().describeTopic(topic));
        assertThat(description.partitions()).hasSize(12);
        Set<Integer> leaders = new HashSet<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            assertThat(partition.replicas().stream().map(Node::rack).collect(Collectors.toSet()))
                    .as("racks of partition %d", partition.partition())
                    .containsExactlyInAnyOrder("rack-a", "rack-b");
            leaders.add(partition.leader().id());
        }
        assertThat(leaders).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void aConsumerWithClientRackReadsEveryRecordFromTheFollowerInItsRack() throws Exception {
        // given partition 0 led by node 1 (rack-a), followed by node 2 (rack-b)
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = ClusterScenarios.createTopic(cluster, "follower-reads", Map.of(0, List.of(1, 2)));
        TopicPartition partition = new TopicPartition(topic, 0);
        KafkaConsumer<String, String> follower = cluster.clients().consumer(Map.of(
                ConsumerConfig.CLIENT_RACK_CONFIG, "rack-b", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500,
                ConsumerConfig.CLIENT_ID_CONFIG, "rack-b-reader"));
        follower.assign(List.of(partition));
        follower.seekToBeginning(List.of(partition));
        ConcurrentHashMap<Long, Long> seenNanos = new ConcurrentHashMap<>();
        List<String> values = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get() && values.size() < RECORDS) {
                for (ConsumerRecord<String, String> record : follower.poll(Duration.ofMillis(100))) {
                    seenNanos.putIfAbsent(record.offset(), System.nanoTime());
                    values.add(record.value());
                }
            }
            all.countDown();
        }, "rack-b-reader");
        reader.start();
        KafkaProducer<String, String> producer = cluster.clients().producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0));
        long[] ackedNanos = new long[RECORDS];

        // when: one record at a time, each acknowledged (acks=all) before the next is sent
        for (int i = 0; i < RECORDS; i++) {
            // Stamped in the callback, on the producer's network thread, as soon as the acknowledgement is parsed.
            producer.send(new ProducerRecord<>(topic, 0, null, "v" + i), (metadata, error) -> {
                if (error == null) {
                    ackedNanos[(int) metadata.offset()] = System.nanoTime();
                }
            }).get(15, TimeUnit.SECONDS);
        }

        // then every record arrives, in order, and it came from node 2
        boolean complete = all.await(FAILOVER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        stop.set(true);
        reader.join(5_000);
        assertThat(complete).as("all %d records read", RECORDS).isTrue();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add("v" + i);
        }
        assertThat(values).containsExactlyElementsOf(expected);
        assertThat(metric(follower, "preferred-read-replica", Map.of("topic", topic, "partition", "0")))
                .isEqualTo(2.0);
        double fromFollower = metric(follower, "incoming-byte-total", Map.of("node-id", "node-2"));
        double fromLeader = metric(follower, "incoming-byte-total", Map.of("node-id", "node-1"));
        System.out.printf("rack-b consumer received %.0f bytes from node 2 (follower), %.0f from node 1 (leader)%n",
                fromFollower, fromLeader);
        assertThat(fromFollower).isGreaterThan(fromLeader).isGreaterThan(RECORDS * 10.0);
        printLag(ackedNanos, seenNanos);
    }

    @Test
    void aConsumerInTheLeadersRackReadsFromTheLeader() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = ClusterScenarios.createTopic(cluster, "leader-reads", Map.of(0, List.of(1, 2)));
        TopicPartition partition = new TopicPartition(topic, 0);
        KafkaProducer<String, String> producer = cluster.clients().producer();
        for (int i = 0; i < 100; i++) {
            producer.send(new ProducerRecord<>(topic, 0, null, "v" + i));
        }
        producer.flush();
        KafkaConsumer<String, String> consumer = cluster.clients().consumer(Map.of(
                ConsumerConfig.CLIENT_RACK_CONFIG, "rack-a"));
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));

        // when
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (values.size() < 100 && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
        }

        // then
        assertThat(values).hasSize(100);
        assertThat(metric(consumer, "preferred-read-replica", Map.of("topic", topic, "partition", "0")))
                .isEqualTo(-1.0);
    }

    /** The lag from each acks=all acknowledgement to the record's arrival at the follower's consumer. */
    private static void printLag(long[] ackedNanos, Map<Long, Long> seenNanos) {
        List<Double> lagMs = new ArrayList<>();
        for (int offset = 0; offset < ackedNanos.length; offset++) {
            lagMs.add((seenNanos.get((long) offset) - ackedNanos[offset]) / 1_000_000.0);
        }
        lagMs.sort(null);
        // A negative lag: the consumer had the record before the producer's thread saw the acknowledgement.
        System.out.printf("follower-read lag after acks=all over %d records (ms): min %.2f, median %.2f, "
                        + "p99 %.2f, max %.2f%n", lagMs.size(), lagMs.get(0), lagMs.get(lagMs.size() / 2),
                lagMs.get((int) Math.ceil(lagMs.size() * 0.99) - 1), lagMs.get(lagMs.size() - 1));
    }

    private static double metric(KafkaConsumer<?, ?> consumer, String name, Map<String, String> tags) {
        for (Map.Entry<MetricName, ? extends Metric> entry : consumer.metrics().entrySet()) {
            if (entry.getKey().name().equals(name)
                    && entry.getKey().tags().entrySet().containsAll(tags.entrySet())) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no consumer metric " + name + " " + tags);
    }

    @Test
    void aBrokerWithoutAReplicaOfAnExistingPartitionTellsTheClientToRefreshItsMetadata() throws Exception {
        // given a partition whose only replica is node 1
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = TopicNames.unique("replica-on-1");
        cluster.clients().admin().createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(1)))))
                .all().get(30, TimeUnit.SECONDS);
        cluster.state().awaitFullIsr(topic, Duration.ofSeconds(30));

        // when a consumer's Fetch for it, and for a partition the topic does not have, reaches node 2 (v12: the
        // first with KIP-951's current leader, by topic name; nodeEndpoints came with v16, with topic ids)
        short version = 12;
        TopicPartition held = new TopicPartition(topic, 0);
        TopicPartition missing = new TopicPartition(topic, 7);
        Map<TopicPartition, FetchRequest.PartitionData> partitions = new LinkedHashMap<>();
        partitions.put(held, new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1024, Optional.empty()));
        partitions.put(missing, new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1024, Optional.empty()));
        FetchRequest request = FetchRequest.Builder.forConsumer(version, 0, 0, partitions).build(version);
        FetchResponse response;
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", cluster.node(2).clientPort())) {
            RequestHeader header = RawKafkaConnection.header(ApiKeys.FETCH, version, 1);
            connection.send(request, header);
            response = connection.receive(header);
        }

        // then, as Kafka: NOT_LEADER_OR_FOLLOWER for the partition that exists, UNKNOWN_TOPIC_OR_PARTITION otherwise
        Map<TopicPartition, FetchResponseData.PartitionData> answers = response.responseData(Map.of(), version);
        assertThat(Errors.forCode(answers.get(held).errorCode())).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(Errors.forCode(answers.get(missing).errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }
}
