package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeQuorumRequest;
import org.apache.kafka.common.requests.DescribeQuorumResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;

class ProducerIdsAndElectionsTest {

    @TempDir
    Path dir;

    private ClusterHarness cluster;

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    private AllocateProducerIdsResponseData allocate(int brokerId) throws Exception {
        return await(cluster.controller().allocateProducerIds(new AllocateProducerIdsRequestData()
            .setBrokerId(brokerId).setBrokerEpoch(cluster.epochOf(brokerId))));
    }

    @Test
    void producerIdBlocksAreUniqueAndContinueAfterARestart() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);

        // when
        AllocateProducerIdsResponseData first = allocate(1);
        AllocateProducerIdsResponseData second = allocate(2);
        cluster.restart();
        AllocateProducerIdsResponseData afterRestart = allocate(1);

        // then
        assertThat(first.producerIdStart()).isEqualTo(0);
        assertThat(first.producerIdLen()).isEqualTo(ProducerIdAllocation.BLOCK_SIZE);
        assertThat(second.producerIdStart()).isEqualTo(1000);
        assertThat(afterRestart.producerIdStart()).isEqualTo(2000);
    }

    private ElectLeadersResponseData elect(ElectionType type) throws Exception {
        ElectLeadersRequestData request = new ElectLeadersRequestData().setElectionType(type.value);
        request.topicPartitions().add(new ElectLeadersRequestData.TopicPartitions().setTopic("t")
            .setPartitions(List.of(0)));
        return await(cluster.controller().electLeaders(request));
    }

    private short errorOf(ElectLeadersResponseData response) {
        return response.replicaElectionResults().get(0).partitionResult().get(0).errorCode();
    }

    @Test
    void preferredElectionMovesLeadershipBackOnlyWhenThePreferredReplicaIsAnActiveIsrMember() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("t", Map.of(), new int[] {1, 2});
        short notNeeded = errorOf(elect(ElectionType.PREFERRED));
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(1).setWantFence(true));
        short notAvailable = errorOf(elect(ElectionType.PREFERRED));

        // when: broker 1 comes back, but is out of the ISR until its leader expands it
        cluster.heartbeat(1);
        short stillNotInIsr = errorOf(elect(ElectionType.PREFERRED));

        // then
        assertThat(notNeeded).isEqualTo(Errors.ELECTION_NOT_NEEDED.code());
        assertThat(notAvailable).isEqualTo(Errors.PREFERRED_LEADER_NOT_AVAILABLE.code());
        assertThat(stillNotInIsr).isEqualTo(Errors.PREFERRED_LEADER_NOT_AVAILABLE.code());
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(2);
    }

    @Test
    void autoRebalanceMovesLeadershipBackToThePreferredReplicaOnTheTimer() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of("leader.imbalance.check.interval.seconds", "5"));
        cluster.registerAndUnfence(1, 2);
        Uuid id = cluster.createTopic("t", Map.of(), new int[] {1, 2});
        leadershipMovedToBroker2AndBroker1BackInTheIsr(id);
        int leaderBefore = cluster.partition("t", 0).leader();

        // when
        cluster.advance(5001);

        // then
        assertThat(leaderBefore).isEqualTo(2);
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"50, 2", "49, 1"})
    void autoRebalanceWaitsForTheBrokersImbalanceToExceedThePercentage(String percentage, int expectedLeader)
            throws Exception {
        // given broker 1, the preferred replica of two partitions, leading one of them: an imbalance of 50 %
        cluster = new ClusterHarness(dir, Map.of("leader.imbalance.check.interval.seconds", "5",
            "leader.imbalance.per.broker.percentage", percentage));
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("led", Map.of(), new int[] {1});
        Uuid id = cluster.createTopic("t", Map.of(), new int[] {1, 2});
        leadershipMovedToBroker2AndBroker1BackInTheIsr(id);
        assertThat(cluster.partition("led", 0).leader()).isEqualTo(1);
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(2);

        // when the imbalance check runs with leader.imbalance.per.broker.percentage set
        cluster.advance(5001);

        // then leadership moves back only when 50 % exceeds the percentage
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(expectedLeader);
    }

    @Test
    void uncleanElectionOnlyForPartitionsWithoutALeader() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("t", Map.of(), new int[] {1, 2});
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(2).setWantFence(true));
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(1).setWantFence(true));
        cluster.heartbeat(2);
        int leaderless = cluster.partition("t", 0).leader();

        // when
        short unclean = errorOf(elect(ElectionType.UNCLEAN));
        int uncleanLeader = cluster.partition("t", 0).leader();
        short uncleanAgain = errorOf(elect(ElectionType.UNCLEAN));

        // then
        assertThat(leaderless).isEqualTo(-1);
        assertThat(unclean).isEqualTo(Errors.NONE.code());
        assertThat(uncleanLeader).isEqualTo(2);
        assertThat(cluster.partition("t", 0).isr()).containsExactly(2);
        assertThat(uncleanAgain).isEqualTo(Errors.ELECTION_NOT_NEEDED.code());
    }

    @Test
    void singleNodeDescribeQuorumShowsTheLocalVoterThroughTheRequestEntryPoint() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());

        // when
        AbstractResponse response = await(cluster.controller().handle(
            new DescribeQuorumRequest.Builder(DescribeQuorumRequest.singletonRequest(
                new org.apache.kafka.common.TopicPartition("__cluster_metadata", 0))).build((short) 2)));

        // then
        var partition = ((DescribeQuorumResponse) response).data().topics().get(0).partitions().get(0);
        assertThat(partition.leaderId()).isEqualTo(1);
        assertThat(partition.currentVoters()).hasSize(1);
        assertThat(partition.highWatermark()).isEqualTo(cluster.image().offset() + 1);
    }

    /**
     * Broker 1, the preferred leader of t-0, is fenced and unfenced again: broker 2 now leads, and its
     * AlterPartition takes broker 1 back into the ISR, so a rebalance may elect broker 1 again.
     */
    private void leadershipMovedToBroker2AndBroker1BackInTheIsr(Uuid id) throws Exception {
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(1).setWantFence(true));
        cluster.heartbeat(1);
        var p = cluster.partition("t", 0);
        var expand = new AlterPartitionRequestData().setBrokerId(2)
            .setBrokerEpoch(cluster.epochOf(2));
        expand.topics().add(new AlterPartitionRequestData.TopicData().setTopicId(id)
            .setPartitions(List.of(new AlterPartitionRequestData.PartitionData()
                .setPartitionIndex(0).setLeaderEpoch(p.leaderEpoch()).setPartitionEpoch(p.partitionEpoch())
                .setNewIsr(List.of(2, 1)))));
        await(cluster.controller().alterPartition(expand, (short) 2));
    }
}
