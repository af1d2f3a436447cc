package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.PartitionRegistration;

class AlterPartitionTest {

    @TempDir
    Path dir;

    private ClusterHarness cluster;
    private Uuid topicId;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        topicId = cluster.createTopic("t", Map.of(), new int[] {1, 2, 3});
    }

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    private AlterPartitionResponseData.PartitionData alter(int brokerId, int leaderEpoch, int partitionEpoch,
                                                           List<Integer> isr) throws Exception {
        AlterPartitionRequestData.PartitionData partition = new AlterPartitionRequestData.PartitionData()
            .setPartitionIndex(0).setLeaderEpoch(leaderEpoch).setPartitionEpoch(partitionEpoch);
        isr.forEach(id -> partition.newIsrWithEpochs().add(new AlterPartitionRequestData.BrokerState()
            .setBrokerId(id).setBrokerEpoch(cluster.epochOf(id))));
        AlterPartitionRequestData request = new AlterPartitionRequestData().setBrokerId(brokerId)
            .setBrokerEpoch(cluster.epochOf(brokerId));
        request.topics().add(new AlterPartitionRequestData.TopicData().setTopicId(topicId)
            .setPartitions(List.of(partition)));
        AlterPartitionResponseData response = await(cluster.controller().alterPartition(request, (short) 3));
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        return response.topics().get(0).partitions().get(0);
    }

    @Test
    void theLeaderShrinksAndExpandsTheIsrAndLearnsTheNewPartitionEpoch() throws Exception {
        // given
        PartitionRegistration before = cluster.partition("t", 0);

        // when
        var shrunk = alter(1, before.leaderEpoch(), before.partitionEpoch(), List.of(1, 2));
        var expanded = alter(1, shrunk.leaderEpoch(), shrunk.partitionEpoch(), List.of(1, 2, 3));

        // then
        assertThat(shrunk.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(shrunk.isr()).containsExactly(1, 2);
        assertThat(shrunk.partitionEpoch()).isEqualTo(before.partitionEpoch() + 1);
        assertThat(shrunk.leaderEpoch()).isEqualTo(before.leaderEpoch());
        assertThat(expanded.isr()).containsExactly(1, 2, 3);
        assertThat(cluster.partition("t", 0).isr()).containsExactly(1, 2, 3);
        assertThat(cluster.partition("t", 0).partitionEpoch()).isEqualTo(before.partitionEpoch() + 2);
    }

    @Test
    void staleEpochsAndIneligibleMembersAreRefused() throws Exception {
        // given
        PartitionRegistration p = cluster.partition("t", 0);
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(3).setWantFence(true));
        PartitionRegistration afterFence = cluster.partition("t", 0);

        // when
        var staleLeaderEpoch = alter(1, p.leaderEpoch() - 1, afterFence.partitionEpoch(), List.of(1, 2));
        var stalePartitionEpoch = alter(1, afterFence.leaderEpoch(), p.partitionEpoch(), List.of(1, 2));
        var fencedMember = alter(1, afterFence.leaderEpoch(), afterFence.partitionEpoch(), List.of(1, 2, 3));
        var notLeader = alter(2, afterFence.leaderEpoch(), afterFence.partitionEpoch(), List.of(1, 2));

        // then
        assertThat(staleLeaderEpoch.errorCode()).isEqualTo(Errors.FENCED_LEADER_EPOCH.code());
        assertThat(stalePartitionEpoch.errorCode()).isEqualTo(Errors.INVALID_UPDATE_VERSION.code());
        assertThat(fencedMember.errorCode()).isEqualTo(Errors.INELIGIBLE_REPLICA.code());
        assertThat(notLeader.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(cluster.partition("t", 0)).isEqualTo(afterFence);
    }

    @Test
    void aStaleBrokerEpochFailsTheWholeRequest() throws Exception {
        // given
        AlterPartitionRequestData request = new AlterPartitionRequestData().setBrokerId(1)
            .setBrokerEpoch(cluster.epochOf(1) - 1);

        // when
        AlterPartitionResponseData response = await(cluster.controller().alterPartition(request, (short) 3));

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.STALE_BROKER_EPOCH.code());
    }
}
