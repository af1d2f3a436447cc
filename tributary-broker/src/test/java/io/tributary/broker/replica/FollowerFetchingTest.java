package io.tributary.broker.replica;

import static io.tributary.broker.partition.ReplicationFixture.TOPIC_ID;
import static io.tributary.broker.partition.ReplicationFixture.TP;
import static io.tributary.broker.partition.ReplicationFixture.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.partition.Partition;
import io.tributary.network.RequestContext;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.replica.RackAwareReplicaSelector;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KIP-392 between two brokers in two racks: leader 1 in rack-a, follower 2 in rack-b, RackAwareReplicaSelector.
 * Follower fetches wait up to 4 s on the leader, so anything faster shows the high watermark reaching the
 * follower without waiting for more data.
 */
class FollowerFetchingTest {

    private static final short VERSION = 17;
    private static final short ACKS_ALL = -1;
    private static final int LONG_WAIT_MS = 4_000;

    @RegisterExtension
    final InProcessBrokers brokers = InProcessBrokers.withBrokers(1, 2)
            .racks(Map.of(1, "rack-a", 2, "rack-b"))
            .readReplicas(new RackAwareReplicaSelector())
            .replicaFetchWaitMs(LONG_WAIT_MS);

    @Test
    void theLeaderSendsAConsumerOfTheFollowersRackToTheFollower() {
        // given
        replicatedRecords("a", "b", "c");

        // when
        FetchResponseData.PartitionData answer = fetch(1, consumer(VERSION, 0, "rack-b", 0));

        // then
        assertThat(answer.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(answer.preferredReadReplica()).isEqualTo(2);
        assertThat(FetchResponse.recordsSize(answer)).isZero();
        assertThat(answer.highWatermark()).isEqualTo(3);
        assertThat(answer.logStartOffset()).isZero();
    }

    @Test
    void consumersOfTheLeadersRackWithoutARackOrBeforeV11ReadFromTheLeader() {
        // given
        replicatedRecords("a", "b", "c");

        // when
        List<FetchResponseData.PartitionData> answers = List.of(fetch(1, consumer(VERSION, 0, "rack-a", 0)),
                fetch(1, consumer(VERSION, 0, "", 0)), fetch(1, consumer((short) 10, 0, null, 0)));

        // then
        for (FetchResponseData.PartitionData answer : answers) {
            assertThat(answer.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(answer.preferredReadReplica()).isEqualTo(-1);
            assertThat(values(answer)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aFollowerOutsideTheIsrIsNoReadReplica() {
        // given the follower left the ISR
        replicatedRecords("a");
        brokers.publish(1, 1, 2, new int[] {1});

        // when
        FetchResponseData.PartitionData answer = fetch(1, consumer(VERSION, 0, "rack-b", 0));

        // then
        assertThat(answer.preferredReadReplica()).isEqualTo(-1);
        assertThat(values(answer)).containsExactly("a");
    }

    @Test
    void theFollowerLearnsTheHighWatermarkWithoutWaitingForMoreData() {
        // given
        brokers.publish(1, 1, 1, new int[] {1, 2});
        Partition follower = brokers.nodes.get(2).partition();
        replicatedRecords("warm-up");
        long start = System.nanoTime();

        // when
        replicatedRecords("a", "b");

        // then long before the follower's 4 s fetch wait would have ended
        await().atMost(Duration.ofSeconds(3)).until(() -> follower.highWatermark() == 3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(LONG_WAIT_MS / 2);
    }

    @Test
    void aFollowerServesAConsumerUpToItsHighWatermarkAndWakesItWhenMoreIsCommitted() {
        // given
        replicatedRecords("a", "b", "c");
        Partition follower = brokers.nodes.get(2).partition();
        await().atMost(Duration.ofSeconds(3)).until(() -> follower.highWatermark() == 3);

        // when a consumer reads at the follower, then waits there for more
        FetchResponseData.PartitionData read = fetch(2, consumer(VERSION, 0, "rack-b", 0));
        CompletableFuture<FetchResponseData.PartitionData> parked = fetchAsync(2,
                consumer(VERSION, 3, "rack-b", LONG_WAIT_MS));
        replicatedRecords("d");

        // then
        assertThat(read.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(read.preferredReadReplica()).isEqualTo(-1);
        assertThat(read.highWatermark()).isEqualTo(3);
        assertThat(values(read)).containsExactly("a", "b", "c");
        FetchResponseData.PartitionData woken = parked.orTimeout(LONG_WAIT_MS / 2, TimeUnit.MILLISECONDS).join();
        assertThat(values(woken)).containsExactly("d");
        assertThat(woken.highWatermark()).isEqualTo(4);
    }

    @Test
    void aFollowerAnswersAnOffsetPastItsLogOutOfRange() {
        // given
        replicatedRecords("a");

        // when
        FetchResponseData.PartitionData answer = fetch(2, consumer(VERSION, 5, "rack-b", 0));

        // then the consumer forgets the preferred replica and goes back to the leader (as with Kafka)
        assertThat(answer.errorCode()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
    }

    /** Publishes leader 1 (ISR 1, 2) if needed and appends with acks=all: both replicas have the records. */
    private void replicatedRecords(String... values) {
        if (brokers.image().topics().get(TP.topic()).isEmpty()) {
            brokers.publish(1, 1, 1, new int[] {1, 2});
        }
        brokers.nodes.get(1).partition().appendAsLeader(records(values), ACKS_ALL, 10_000)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static FetchRequest consumer(short version, long offset, String rack, int maxWaitMs) {
        Map<TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        data.put(TP, new FetchRequest.PartitionData(TOPIC_ID, offset, 0, 1 << 20, Optional.of(1)));
        FetchRequest.Builder builder = FetchRequest.Builder.forConsumer(version, maxWaitMs, 1, data);
        if (rack != null) {
            builder.rackId(rack);
        }
        return builder.build(version);
    }

    private FetchResponseData.PartitionData fetch(int broker, FetchRequest request) {
        return fetchAsync(broker, request).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private CompletableFuture<FetchResponseData.PartitionData> fetchAsync(int broker, FetchRequest request) {
        RequestContext context = new RequestContext(new RequestHeader(ApiKeys.FETCH, request.version(), "consumer",
                1), "test", InetAddress.getLoopbackAddress(), InProcessBrokers.LISTENER);
        return brokers.nodes.get(broker).fetch.handle(context, request).toCompletableFuture()
                .thenApply(action -> ((FetchResponse) action.response()).data().responses().get(0).partitions()
                        .get(0));
    }

    /** The values of the records an answer carries (read from its file region, as the wire would). */
    private static List<String> values(FetchResponseData.PartitionData answer) {
        List<String> values = new ArrayList<>();
        if (FetchResponse.recordsSize(answer) == 0) {
            return values;
        }
        MemoryRecords records = InProcessBrokers.inMemory(answer.records());
        for (RecordBatch batch : records.batches()) {
            for (Record record : batch) {
                values.add(StandardCharsets.UTF_8.decode(record.value()).toString());
            }
        }
        return values;
    }
}
