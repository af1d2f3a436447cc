package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.testing.FakeControllerChannel;
import io.tributary.broker.testing.TestImages;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.junit.jupiter.api.Test;

class InternalTopicsTest {

    private static final InternalTopics.Spec OFFSETS =
            new InternalTopics.Spec(50, (short) 3, 1 << 20, OptionalInt.empty());
    private static final InternalTopics.Spec TXN = new InternalTopics.Spec(50, (short) 3, 1 << 20, OptionalInt.of(2));

    @Test
    void createsTheOffsetsTopicThroughTheControllerChannel() throws Exception {
        // given
        FakeControllerChannel channel = new FakeControllerChannel().answer(request -> answer(Errors.NONE));
        InternalTopics topics = new InternalTopics(channel, new TopicLookup(() -> TestImages.builder().build()),
                OFFSETS, TXN);

        // when
        topics.ensureOffsetsTopic().toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        CreatableTopic sent = channel.requests(CreateTopicsRequest.class).get(0).data().topics()
                .find(Topic.GROUP_METADATA_TOPIC_NAME);
        assertThat(sent.numPartitions()).isEqualTo(50);
        assertThat(sent.replicationFactor()).isEqualTo((short) 3);
        assertThat(sent.configs().find(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        // as Kafka: the offsets topic has no min.insync.replicas of its own, it follows the broker's
        assertThat(sent.configs().find(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).isNull();
    }

    @Test
    void theTransactionStateTopicGetsTransactionStateLogMinIsr() throws Exception {
        // given
        FakeControllerChannel channel = new FakeControllerChannel().answer(request -> answer(Errors.NONE));
        InternalTopics topics = new InternalTopics(channel, new TopicLookup(() -> TestImages.builder().build()),
                OFFSETS, TXN);

        // when
        topics.ensureTransactionStateTopic().toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        CreatableTopic sent = channel.requests(CreateTopicsRequest.class).get(0).data().topics()
                .find(Topic.TRANSACTION_STATE_TOPIC_NAME);
        assertThat(sent.configs().find(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
    }

    @Test
    void anotherBrokerCreatingItFirstIsFineButARefusalIsNot() {
        // given
        TopicLookup none = new TopicLookup(() -> TestImages.builder().build());
        InternalTopics raced = new InternalTopics(new FakeControllerChannel()
                .answer(request -> answer(Errors.TOPIC_ALREADY_EXISTS)), none, OFFSETS, TXN);
        InternalTopics refused = new InternalTopics(new FakeControllerChannel()
                .answer(request -> answer(Errors.POLICY_VIOLATION)), none, OFFSETS, TXN);

        // when / then
        assertThat(raced.ensureTransactionStateTopic().toCompletableFuture())
                .succeedsWithin(5, TimeUnit.SECONDS);
        assertThat(refused.ensureTransactionStateTopic().toCompletableFuture())
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(PolicyViolationException.class);
    }

    private static AbstractResponse answer(Errors error) {
        CreateTopicsResponseData data = new CreateTopicsResponseData();
        for (String name : new String[] {Topic.GROUP_METADATA_TOPIC_NAME, Topic.TRANSACTION_STATE_TOPIC_NAME}) {
            data.topics().add(new CreatableTopicResult().setName(name).setErrorCode(error.code()));
        }
        return new CreateTopicsResponse(data);
    }
}
