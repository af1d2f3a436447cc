package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.testing.TestContexts;
import io.tributary.broker.testing.TestImages;
import io.tributary.metadata.image.MetadataImage;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.junit.jupiter.api.Test;

class MetadataHandlerTest {

    private static final Uuid TOPIC_ID = Uuid.randomUuid();

    @Test
    void showsLeadersReplicasIsrAndOfflineReplicas() throws Exception {
        // given partition 0 led by 1 with broker 2 fenced, partition 1 without a leader
        MetadataImage image = TestImages.builder()
                .broker(1, false).broker(2, true).broker(3, false)
                .topic("t", TOPIC_ID)
                .partition(TOPIC_ID, 0, new int[] {1, 2, 3}, new int[] {1, 3}, 1, 4)
                .partition(TOPIC_ID, 1, new int[] {2, 4}, new int[] {2}, -1, 7)
                .build();

        // when
        MetadataResponseData response = metadata(image, "t");

        // then
        assertThat(response.brokers()).extracting(b -> b.nodeId()).containsExactlyInAnyOrder(1, 3);
        assertThat(response.controllerId()).isEqualTo(3);
        List<MetadataResponsePartition> partitions = response.topics().find("t").partitions();
        MetadataResponsePartition led = partitions.get(0);
        assertThat(led.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(led.leaderId()).isEqualTo(1);
        assertThat(led.leaderEpoch()).isEqualTo(4);
        assertThat(led.replicaNodes()).containsExactly(1, 2, 3);
        assertThat(led.isrNodes()).containsExactly(1, 3);
        assertThat(led.offlineReplicas()).containsExactly(2);
        MetadataResponsePartition leaderless = partitions.get(1);
        assertThat(leaderless.errorCode()).isEqualTo(Errors.LEADER_NOT_AVAILABLE.code());
        assertThat(leaderless.leaderId()).isEqualTo(-1);
        assertThat(leaderless.leaderEpoch()).isEqualTo(7);
        assertThat(leaderless.offlineReplicas()).containsExactly(2, 4);
    }

    @Test
    void aTopicCreatedForThisRequestButNotYetInTheImageIsLeaderNotAvailable() throws Exception {
        // given
        MetadataImage image = TestImages.builder().broker(1, false).build();

        // when
        MetadataResponseData response = metadata(image, "fresh");

        // then
        assertThat(response.topics().find("fresh").errorCode()).isEqualTo(Errors.LEADER_NOT_AVAILABLE.code());
    }

    private static MetadataResponseData metadata(MetadataImage image, String topic) throws Exception {
        MetadataHandler handler = new MetadataHandler(new ImageClusterView(1, () -> image, () -> OptionalInt.of(3)),
                new TopicLookup(() -> image), true, name -> CompletableFuture.completedFuture(null));
        short version = 12;
        MetadataRequest request = new MetadataRequest.Builder(List.of(topic), true).build(version);
        var action = handler.handle(TestContexts.of(ApiKeys.METADATA, version, "client"), request)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        return ((MetadataResponse) action.response()).data();
    }
}
