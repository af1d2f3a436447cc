package io.tributary.broker.replica;

import static io.tributary.broker.partition.ReplicationFixture.TOPIC_ID;
import static io.tributary.broker.partition.ReplicationFixture.TP;
import static io.tributary.broker.partition.ReplicationFixture.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.network.RequestContext;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderFetchAnswersTest {

    private static final short VERSION = 17;

    @RegisterExtension
    final InProcessBrokers brokers = InProcessBrokers.withBrokers(1, 2);

    @BeforeEach
    void setUp() {
        brokers.unreachable.add(1); // keep broker 2's own fetcher out of the way
        brokers.publish(1, 4, 1, new int[] {1, 2});
        brokers.nodes.get(1).partition().appendAsLeader(records("a", "b"), (short) 1);
    }

    @Test
    void aFollowerWithAStaleLeaderEpochIsFenced() {
        // when
        FetchResponseData.PartitionData answer = fetch(1, replica(2, 0, Optional.of(3), Optional.empty()));

        // then
        assertThat(answer.errorCode()).isEqualTo(Errors.FENCED_LEADER_EPOCH.code());
    }

    @Test
    void aFollowerReadsPastTheHighWatermarkToTheLogEnd() {
        // when
        FetchResponseData.PartitionData answer = fetch(1, replica(2, 0, Optional.of(4), Optional.empty()));

        // then
        assertThat(answer.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(answer.highWatermark()).isZero();
        assertThat(FetchResponse.recordsSize(answer)).isPositive();
    }

    @Test
    void aFollowerAheadOfTheLeadersEpochIsToldWhereTheLogsDiverge() {
        // when: the follower claims epoch 4 data up to offset 5; here epoch 4 ends at the log end, 2
        FetchResponseData.PartitionData answer = fetch(1, replica(2, 5, Optional.of(4), Optional.of(4)));

        // then
        assertThat(FetchResponse.isDivergingEpoch(answer)).isTrue();
        assertThat(answer.divergingEpoch().epoch()).isEqualTo(4);
        assertThat(answer.divergingEpoch().endOffset()).isEqualTo(2);
    }

    @Test
    void aConsumerFetchingFromAFollowerBeforeKip392IsSentToTheLeader() {
        // given Fetch v10: no client.rack yet, so leaders only
        short v10 = 10;
        Map<TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        data.put(TP, new FetchRequest.PartitionData(TOPIC_ID, 0, 0, 1 << 20, Optional.of(4)));
        FetchRequest request = FetchRequest.Builder.forConsumer(v10, 0, 1, data).build(v10);

        // when
        FetchResponse response = (FetchResponse) brokers.nodes.get(2).fetch.handle(context(v10), request)
                .toCompletableFuture().join().response();

        // then
        FetchResponseData.PartitionData answer = response.data().responses().get(0).partitions().get(0);
        assertThat(answer.errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
    }

    @Test
    void aConsumerWithAStaleEpochAtAFollowerIsToldTheCurrentLeader() {
        // given
        Map<TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        data.put(TP, new FetchRequest.PartitionData(TOPIC_ID, 0, 0, 1 << 20, Optional.of(3)));
        FetchRequest request = FetchRequest.Builder.forConsumer(VERSION, 0, 1, data).build(VERSION);

        // when
        FetchResponse response = (FetchResponse) brokers.nodes.get(2).fetch.handle(context(), request)
                .toCompletableFuture().join().response();

        // then
        FetchResponseData.PartitionData answer = response.data().responses().get(0).partitions().get(0);
        assertThat(answer.errorCode()).isEqualTo(Errors.FENCED_LEADER_EPOCH.code());
        assertThat(answer.currentLeader().leaderId()).isEqualTo(1);
        assertThat(answer.currentLeader().leaderEpoch()).isEqualTo(4);
        assertThat(response.data().nodeEndpoints()).hasSize(1);
        assertThat(response.data().nodeEndpoints().find(1).port()).isEqualTo(9001);
    }

    private static FetchRequest replica(int replicaId, long offset, Optional<Integer> currentEpoch,
                                        Optional<Integer> lastFetchedEpoch) {
        Map<TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        data.put(TP, new FetchRequest.PartitionData(TOPIC_ID, offset, 0, 1 << 20, currentEpoch, lastFetchedEpoch));
        return FetchRequest.Builder.forReplica(VERSION, replicaId, 102, 0, 1, data).build(VERSION);
    }

    private FetchResponseData.PartitionData fetch(int broker, FetchRequest request) {
        FetchResponse response = (FetchResponse) brokers.nodes.get(broker).fetch.handle(context(), request)
                .toCompletableFuture().join().response();
        return response.data().responses().get(0).partitions().get(0);
    }

    private static RequestContext context() {
        return context(VERSION);
    }

    private static RequestContext context(short version) {
        return new RequestContext(new RequestHeader(ApiKeys.FETCH, version, "test", 1), "test",
                InetAddress.getLoopbackAddress(), InProcessBrokers.LISTENER);
    }
}
