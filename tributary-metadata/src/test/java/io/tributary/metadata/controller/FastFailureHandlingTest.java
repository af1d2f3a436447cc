package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AssignReplicasToDirsRequestData;
import org.apache.kafka.common.message.AssignReplicasToDirsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AssignReplicasToDirsRequest;
import org.apache.kafka.common.requests.AssignReplicasToDirsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.PartitionRegistration;

/**
 * The controller's two ways of moving partitions before a session timeout (issue 12): fencing a broker another
 * node found dead, and taking a broker out of the partitions of its failed log dir (AssignReplicasToDirs to
 * Kafka's LOST directory).
 */
class FastFailureHandlingTest {

    @TempDir
    Path dir;

    private ClusterHarness cluster;

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void aBrokerFoundDeadIsFencedAtOnceButOnlyInTheRegistrationThatWasProbed() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        cluster.createTopic("t", Map.of(), new int[] {2, 1, 3});
        long epoch = cluster.epochOf(2);

        // when an older registration is reported, nothing happens
        boolean stale = await(cluster.controller().fenceUnreachableBroker(2, epoch - 1));
        // and when the current one is, the broker is fenced and its partition led elsewhere
        boolean fenced = await(cluster.controller().fenceUnreachableBroker(2, epoch));
        boolean again = await(cluster.controller().fenceUnreachableBroker(2, epoch));

        // then
        assertThat(stale).isFalse();
        assertThat(fenced).isTrue();
        assertThat(again).isFalse();
        assertThat(cluster.image().brokers().get(2).orElseThrow().fenced()).isTrue();
        PartitionRegistration after = cluster.partition("t", 0);
        assertThat(after.leader()).isEqualTo(1);
        assertThat(after.isr()).containsExactly(1, 3);
    }

    @Test
    void replicasAssignedToTheLostDirectoryLeaveTheIsrAndLeadershipMoves() throws Exception {
        // given two partitions led by broker 2
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        Uuid topicId = cluster.createTopic("t", Map.of(), new int[] {2, 1, 3}, new int[] {2, 3, 1});
        int leaderEpoch = cluster.partition("t", 0).leaderEpoch();

        // when broker 2 reports partition 0 in a failed dir
        AssignReplicasToDirsResponseData response = await(cluster.controller().handle(
                new AssignReplicasToDirsRequest.Builder(
                        assignment(2, cluster.epochOf(2), topicId, 0)).build())
                .thenApply(r -> ((AssignReplicasToDirsResponse) r).data()));

        // then partition 0 is led by the next ISR replica, without broker 2 in its ISR; partition 1 is untouched
        assertThat(response.errorCode()).isZero();
        assertThat(response.directories().get(0).topics().get(0).partitions().get(0).errorCode()).isZero();
        PartitionRegistration moved = cluster.partition("t", 0);
        assertThat(moved.leader()).isEqualTo(1);
        assertThat(moved.leaderEpoch()).isEqualTo(leaderEpoch + 1);
        assertThat(moved.isr()).containsExactly(1, 3);
        assertThat(cluster.partition("t", 1).leader()).isEqualTo(2);
        assertThat(cluster.image().brokers().get(2).orElseThrow().fenced()).isFalse();
    }

    @Test
    void aStaleOrUnknownAssignmentIsRefusedWithKafkasErrors() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        Uuid topicId = cluster.createTopic("t", Map.of(), new int[] {2, 1, 3});

        // when
        AssignReplicasToDirsResponseData stale = await(cluster.controller().handle(
                new AssignReplicasToDirsRequest.Builder(
                        assignment(2, cluster.epochOf(2) + 5, topicId, 0)).build())
                .thenApply(r -> ((AssignReplicasToDirsResponse) r).data()));
        AssignReplicasToDirsResponseData unknown = await(cluster.controller().handle(
                new AssignReplicasToDirsRequest.Builder(
                        assignment(2, cluster.epochOf(2), Uuid.randomUuid(), 0)).build())
                .thenApply(r -> ((AssignReplicasToDirsResponse) r).data()));

        // then
        assertThat(stale.errorCode()).isEqualTo(Errors.STALE_BROKER_EPOCH.code());
        assertThat(unknown.directories().get(0).topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(2);
    }

    private static AssignReplicasToDirsRequestData assignment(int brokerId, long epoch, Uuid topicId, int partition) {
        return new AssignReplicasToDirsRequestData().setBrokerId(brokerId).setBrokerEpoch(epoch)
                .setDirectories(List.of(new AssignReplicasToDirsRequestData.DirectoryData()
                        .setId(ReplicaDirectories.LOST)
                        .setTopics(List.of(new AssignReplicasToDirsRequestData.TopicData().setTopicId(topicId)
                                .setPartitions(List.of(new AssignReplicasToDirsRequestData.PartitionData()
                                        .setPartitionIndex(partition)))))));
    }
}
