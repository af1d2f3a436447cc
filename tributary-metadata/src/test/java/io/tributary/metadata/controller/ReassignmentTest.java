package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignablePartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignableTopic;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.PartitionRegistration;

class ReassignmentTest {

    @TempDir
    Path dir;

    private ClusterHarness cluster;
    private Uuid topicId;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        topicId = cluster.createTopic("t", Map.of(), new int[] {1, 2});
    }

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    private short reassign(List<Integer> replicas) throws Exception {
        AlterPartitionReassignmentsRequestData request = new AlterPartitionReassignmentsRequestData();
        request.topics().add(new ReassignableTopic().setName("t")
            .setPartitions(List.of(new ReassignablePartition().setPartitionIndex(0).setReplicas(replicas))));
        AlterPartitionReassignmentsResponseData response =
            await(cluster.controller().alterPartitionReassignments(request));
        return response.responses().get(0).partitions().get(0).errorCode();
    }

    private void leaderSetsIsr(List<Integer> isr) throws Exception {
        PartitionRegistration p = cluster.partition("t", 0);
        AlterPartitionRequestData request = new AlterPartitionRequestData().setBrokerId(p.leader())
            .setBrokerEpoch(cluster.epochOf(p.leader()));
        request.topics().add(new AlterPartitionRequestData.TopicData().setTopicId(topicId).setPartitions(List.of(
            new AlterPartitionRequestData.PartitionData().setPartitionIndex(0).setLeaderEpoch(p.leaderEpoch())
                .setPartitionEpoch(p.partitionEpoch()).setNewIsr(isr))));
        await(cluster.controller().alterPartition(request, (short) 2));
    }

    @Test
    void aMoveAddsTheTargetAndCompletesWhenTheTargetIsInTheIsr() throws Exception {
        // when
        short error = reassign(List.of(2, 3));
        PartitionRegistration moving = cluster.partition("t", 0);
        var listed = await(cluster.controller().listPartitionReassignments(
            new ListPartitionReassignmentsRequestData().setTopics(null)));
        leaderSetsIsr(List.of(1, 2, 3));

        // then
        assertThat(error).isEqualTo(Errors.NONE.code());
        assertThat(moving.replicas()).containsExactly(2, 3, 1);
        assertThat(moving.addingReplicas()).containsExactly(3);
        assertThat(moving.removingReplicas()).containsExactly(1);
        assertThat(listed.topics()).hasSize(1);
        assertThat(listed.topics().get(0).partitions().get(0).addingReplicas()).containsExactly(3);
        PartitionRegistration done = cluster.partition("t", 0);
        assertThat(done.replicas()).containsExactly(2, 3);
        assertThat(done.isr()).containsExactly(2, 3);
        assertThat(done.leader()).isEqualTo(2);
        assertThat(done.isReassigning()).isFalse();
        assertThat(done.leaderEpoch()).isEqualTo(moving.leaderEpoch() + 1);
    }

    @Test
    void aNullTargetCancelsTheMove() throws Exception {
        // given
        reassign(List.of(2, 3));

        // when
        short cancelled = reassign(null);
        short nothingToCancel = reassign(null);

        // then
        assertThat(cancelled).isEqualTo(Errors.NONE.code());
        assertThat(nothingToCancel).isEqualTo(Errors.NO_REASSIGNMENT_IN_PROGRESS.code());
        PartitionRegistration p = cluster.partition("t", 0);
        // Like Kafka, the reverted list keeps the order of the merged list (target first).
        assertThat(p.replicas()).containsExactlyInAnyOrder(1, 2);
        assertThat(p.isReassigning()).isFalse();
    }

    @Test
    void anUnknownBrokerIsAnInvalidAssignment() throws Exception {
        assertThat(reassign(List.of(1, 9))).isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT.code());
    }
}
