package io.tributary.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.partition.AlterPartitionSender.IsrMember;
import io.tributary.broker.partition.AlterPartitionSender.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterPartitionRequest;
import org.apache.kafka.common.requests.AlterPartitionResponse;
import org.junit.jupiter.api.Test;

class AlterPartitionSenderTest {

    private static final Uuid T = Uuid.randomUuid();
    private static final Uuid U = Uuid.randomUuid();

    /** Holds every request until the test answers it. */
    private final List<AlterPartitionRequest> sent = new ArrayList<>();
    private final List<CompletableFuture<AbstractResponse>> answers = new ArrayList<>();
    private final ControllerChannel channel = new ControllerChannel() {
        @Override
        public synchronized CompletableFuture<AbstractResponse> send(AbstractRequest request) {
            sent.add((AlterPartitionRequest) request);
            CompletableFuture<AbstractResponse> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }
    };
    private final AlterPartitionSender sender = new AlterPartitionSender(channel, 1, () -> 10L);

    @Test
    void changesAskedForWhileARequestIsOutGoTogetherInTheNextOne() throws Exception {
        // given one change in flight
        CompletableFuture<Outcome> first = sender.send(T, 0, 3, 7, isr(1, 2));

        // when three more are asked for meanwhile, one of them replacing a queued change of the same partition
        CompletableFuture<Outcome> replaced = sender.send(T, 1, 3, 7, isr(1));
        CompletableFuture<Outcome> second = sender.send(U, 4, 3, 7, isr(1, 2));
        CompletableFuture<Outcome> newer = sender.send(T, 1, 4, 8, isr(1, 3));
        assertThat(sent).hasSize(1);
        answers.get(0).complete(answer(T, 0, 8));

        // then the queued ones went in one request (one change per partition), each answered on its own
        assertThat(first.get(5, TimeUnit.SECONDS).partitionEpoch()).isEqualTo(8);
        assertThat(replaced.get(5, TimeUnit.SECONDS).error()).isEqualTo(Errors.OPERATION_NOT_ATTEMPTED);
        assertThat(sent).hasSize(2);
        List<AlterPartitionRequestData.TopicData> topics = sent.get(1).data().topics();
        assertThat(topics).extracting(AlterPartitionRequestData.TopicData::topicId).containsExactlyInAnyOrder(T, U);
        assertThat(topics).filteredOn(t -> t.topicId().equals(T)).singleElement().satisfies(t ->
                assertThat(t.partitions()).singleElement().satisfies(p -> assertThat(p.leaderEpoch()).isEqualTo(4)));
        AlterPartitionResponseData data = new AlterPartitionResponseData();
        data.topics().add(topic(T, 1, 9));
        data.topics().add(topic(U, 4, Errors.FENCED_LEADER_EPOCH));
        answers.get(1).complete(new AlterPartitionResponse(data));
        assertThat(newer.get(5, TimeUnit.SECONDS).partitionEpoch()).isEqualTo(9);
        assertThat(second.get(5, TimeUnit.SECONDS).error()).isEqualTo(Errors.FENCED_LEADER_EPOCH);
    }

    private static List<IsrMember> isr(int... ids) {
        List<IsrMember> members = new ArrayList<>();
        for (int id : ids) {
            members.add(new IsrMember(id, 10L));
        }
        return members;
    }

    private static AlterPartitionResponse answer(Uuid topic, int partition, int partitionEpoch) {
        AlterPartitionResponseData data = new AlterPartitionResponseData();
        data.topics().add(topic(topic, partition, partitionEpoch));
        return new AlterPartitionResponse(data);
    }

    private static AlterPartitionResponseData.TopicData topic(Uuid topic, int partition, int partitionEpoch) {
        return new AlterPartitionResponseData.TopicData().setTopicId(topic).setPartitions(List.of(
                new AlterPartitionResponseData.PartitionData().setPartitionIndex(partition).setLeaderId(1)
                        .setLeaderEpoch(3).setIsr(List.of(1, 2)).setPartitionEpoch(partitionEpoch)));
    }

    private static AlterPartitionResponseData.TopicData topic(Uuid topic, int partition, Errors error) {
        return new AlterPartitionResponseData.TopicData().setTopicId(topic).setPartitions(List.of(
                new AlterPartitionResponseData.PartitionData().setPartitionIndex(partition)
                        .setErrorCode(error.code())));
    }
}
