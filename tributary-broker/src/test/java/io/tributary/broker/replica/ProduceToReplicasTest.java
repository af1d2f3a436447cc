package io.tributary.broker.replica;

import static io.tributary.broker.partition.ReplicationFixture.TP;
import static io.tributary.broker.partition.ReplicationFixture.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.produce.ProduceHandler;
import io.tributary.network.RequestContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProduceToReplicasTest {

    private static final short VERSION = 12;

    @RegisterExtension
    final InProcessBrokers brokers = InProcessBrokers.withBrokers(1, 2);

    @Test
    void aProduceToAFollowerNamesTheLeader() {
        // given
        brokers.publish(1, 3, 1, new int[] {1, 2});

        // when
        ProduceResponseData.PartitionProduceResponse answer = produce(2, (short) 1, 30_000).responses()
                .iterator().next().partitionResponses().get(0);

        // then
        assertThat(answer.errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
        assertThat(answer.currentLeader().leaderId()).isEqualTo(1);
        assertThat(answer.currentLeader().leaderEpoch()).isEqualTo(3);
    }

    @Test
    void acksAllTimesOutWhenTheIsrDoesNotFollow() {
        // given: broker 1 leads, broker 2 in the ISR but unable to fetch
        brokers.unreachable.add(1);
        brokers.publish(1, 3, 1, new int[] {1, 2});

        // when
        ProduceResponseData response = produce(1, (short) -1, 100);

        // then
        assertThat(response.responses().iterator().next().partitionResponses().get(0).errorCode())
                .isEqualTo(Errors.REQUEST_TIMED_OUT.code());
    }

    @Test
    void acksAllIsRefusedBelowMinInsyncReplicas() {
        // given: min.insync.replicas=2 needs a second ISR member
        brokers.topicConfig = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        brokers.publish(1, 3, 1, new int[] {1});

        // when
        ProduceResponseData response = produce(1, (short) -1, 30_000);

        // then
        assertThat(response.responses().iterator().next().partitionResponses().get(0).errorCode())
                .isEqualTo(Errors.NOT_ENOUGH_REPLICAS.code());
    }

    private ProduceResponseData produce(int broker, short acks, int timeoutMs) {
        ProduceRequestData data = new ProduceRequestData().setAcks(acks).setTimeoutMs(timeoutMs);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName(TP.topic())
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(records("a")))));
        ProduceRequest request = new ProduceRequest(data, VERSION);
        RequestContext context = new RequestContext(new RequestHeader(ApiKeys.PRODUCE, VERSION, "test", 1), "test",
                InetAddress.getLoopbackAddress(), InProcessBrokers.LISTENER);
        ProduceHandler handler = new ProduceHandler(brokers.nodes.get(broker).partitions,
                new TopicLookup(brokers::image));
        return ((ProduceResponse) handler.handle(context, request).toCompletableFuture().join().response()).data();
    }
}
