package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.UpdateFeaturesRequestData;
import org.apache.kafka.common.message.UpdateFeaturesResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.Features;
import io.tributary.metadata.image.PartitionRegistration;

/**
 * KIP-966 in the controller: eligible leader replicas (ELR), the last known ELR, and brokers that come back after an
 * unclean shutdown. Topic t: replicas 3, 2, 1 (3 leads), min.insync.replicas=2.
 */
class EligibleLeaderReplicasTest {

    private static final int NONE = PartitionRegistration.NO_LEADER;

    @TempDir
    Path dir;

    private ClusterHarness cluster;
    private Uuid topicId;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        topicId = cluster.createTopic("t", Map.of("min.insync.replicas", "2"), new int[] {3, 2, 1});
    }

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void eligibleLeaderReplicasAreOnByDefault() {
        assertThat(Features.eligibleLeaderReplicasEnabled(cluster.image())).isTrue();
    }

    @Test
    void replicasLeavingAnIsrBelowMinIsrJoinTheElrAndTheLastLeaderIsRemembered() throws Exception {
        // when: 1 is fenced (ISR {3, 2} still at min ISR), then 2, then 3, the last ISR member
        fence(1);
        PartitionRegistration atMinIsr = partition();
        fence(2);
        PartitionRegistration belowMinIsr = partition();
        fence(3);
        PartitionRegistration empty = partition();

        // then: 1 left while the ISR held min ISR, so it may miss committed records: never eligible
        assertThat(atMinIsr.isr()).containsExactly(3, 2);
        assertThat(atMinIsr.elr()).isEmpty();
        assertThat(belowMinIsr.isr()).containsExactly(3);
        assertThat(belowMinIsr.elr()).containsExactly(2);
        assertThat(belowMinIsr.leader()).isEqualTo(3);
        // and the last ISR member leaves it too (without KIP-966 it would stay), into the ELR
        assertThat(empty.isr()).isEmpty();
        assertThat(empty.elr()).containsExactly(2, 3);
        assertThat(empty.leader()).isEqualTo(NONE);
        assertThat(empty.lastKnownElr()).containsExactly(3);
    }

    @Test
    void withAnEmptyIsrAnUnfencedElrMemberIsElectedAndBecomesTheIsr() throws Exception {
        // given: ISR empty, ELR {2, 3}
        fence(1);
        fence(2);
        fence(3);

        // when: 2 comes back after a clean shutdown
        cluster.registerAndUnfenceAfterCleanShutdown(2);

        // then
        PartitionRegistration p = partition();
        assertThat(p.leader()).isEqualTo(2);
        assertThat(p.isr()).containsExactly(2);
        assertThat(p.elr()).containsExactly(3);
        assertThat(p.lastKnownElr()).isEmpty();
    }

    @Test
    void theLastIsrMemberThatCrashedAndCameBackUncleanIsNotElectedThePartitionWaitsForAnElrMember()
        throws Exception {
        // given: 1 and 2 stopped cleanly (controlled shutdown), ISR {3}, ELR {2}
        cluster.controlledShutdown(1);
        cluster.controlledShutdown(2);
        assertThat(partition().isr()).containsExactly(3);
        assertThat(partition().elr()).containsExactly(2);

        // when: 3 crashes and restarts at once (disk wiped: PreviousBrokerEpoch -1) before its session ran out
        cluster.register(3);
        cluster.heartbeat(3);

        // then: 3 is out of ISR and ELR and leads nothing although it is unfenced; 2 is still eligible
        PartitionRegistration waiting = partition();
        assertThat(cluster.image().brokers().isActive(3)).isTrue();
        assertThat(waiting.leader()).isEqualTo(NONE);
        assertThat(waiting.isr()).isEmpty();
        assertThat(waiting.elr()).containsExactly(2);

        // when: 2 comes back after its clean shutdown
        cluster.registerAndUnfenceAfterCleanShutdown(2);

        // then: it leads, with the committed records 3 lost
        PartitionRegistration led = partition();
        assertThat(led.leader()).isEqualTo(2);
        assertThat(led.isr()).containsExactly(2);
        assertThat(led.elr()).isEmpty();
    }

    @Test
    void anElrMemberThatComesBackUncleanLeavesTheElr() throws Exception {
        // given: ISR empty, ELR {2, 3}
        fence(1);
        fence(2);
        fence(3);

        // when: 2 registers after a crash, 3 after a clean shutdown
        cluster.register(2);
        cluster.heartbeat(2);
        PartitionRegistration afterUnclean = partition();
        cluster.registerAndUnfenceAfterCleanShutdown(3);

        // then
        assertThat(afterUnclean.elr()).containsExactly(3);
        assertThat(afterUnclean.leader()).isEqualTo(NONE);
        assertThat(partition().leader()).isEqualTo(3);
        assertThat(partition().isr()).containsExactly(3);
    }

    @Test
    void aSingleReplicaWhoseBrokerCrashedLeadsAgainAsTheLastKnownLeader() throws Exception {
        // given: a topic with one replica, on broker 2
        cluster.createTopic("single", Map.of(), new int[] {2});

        // when 2 crashes and registers again (PreviousBrokerEpoch -1), then heartbeats
        cluster.register(2);
        PartitionRegistration registered = cluster.partition("single", 0);
        cluster.heartbeat(2);

        // then: out of ISR and ELR at registration, then elected as the last known leader (Kafka's balanced
        // recovery), since no other replica could ever lead
        assertThat(registered.leader()).isEqualTo(NONE);
        assertThat(registered.isr()).isEmpty();
        assertThat(registered.elr()).isEmpty();
        assertThat(registered.lastKnownElr()).containsExactly(2);
        PartitionRegistration recovered = cluster.partition("single", 0);
        assertThat(recovered.leader()).isEqualTo(2);
        assertThat(recovered.isr()).containsExactly(2);
        assertThat(recovered.lastKnownElr()).isEmpty();
    }

    @Test
    void whenEveryEligibleReplicaCameBackUncleanTheLastKnownLeaderLeadsOnceBack() throws Exception {
        // given: ISR empty, ELR {2, 3}, last known leader 3
        fence(1);
        fence(2);
        fence(3);

        // when 2 comes back uncleanly (out of the ELR), then 3 too (the ELR is empty)
        cluster.register(2);
        cluster.heartbeat(2);
        PartitionRegistration waiting = partition();
        cluster.register(3);
        PartitionRegistration registered = partition();
        cluster.heartbeat(3);

        // then 2 is not elected (not eligible, not the last leader); 3 leads once unfenced
        assertThat(waiting.leader()).isEqualTo(NONE);
        assertThat(waiting.elr()).containsExactly(3);
        assertThat(registered.leader()).isEqualTo(NONE);
        assertThat(registered.elr()).isEmpty();
        assertThat(registered.lastKnownElr()).containsExactly(3);
        assertThat(partition().leader()).isEqualTo(3);
        assertThat(partition().isr()).containsExactly(3);
    }

    @Test
    void aCleanRestartOfTheLastIsrMemberKeepsItEligible() throws Exception {
        // given: ISR {3}, ELR {2}
        fence(1);
        fence(2);

        // when: 3 shuts down cleanly and comes back with the epoch it had
        cluster.controlledShutdown(3);
        PartitionRegistration down = partition();
        cluster.registerAndUnfenceAfterCleanShutdown(3);

        // then
        assertThat(down.isr()).isEmpty();
        assertThat(down.elr()).containsExactly(2, 3);
        assertThat(partition().leader()).isEqualTo(3);
        assertThat(partition().isr()).containsExactly(3);
        assertThat(partition().elr()).containsExactly(2);
    }

    @Test
    void anIsrShrinkBelowMinIsrPutsTheLeavingReplicasInTheElrAndReachingMinIsrEmptiesIt() throws Exception {
        // given
        PartitionRegistration before = partition();

        // when: the leader drops 2 and 1 (slow followers), then takes 2 back
        var shrunk = alter(before, List.of(3));
        PartitionRegistration belowMinIsr = partition();
        alter(belowMinIsr, List.of(3, 2));

        // then
        assertThat(shrunk.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(belowMinIsr.isr()).containsExactly(3);
        assertThat(belowMinIsr.elr()).containsExactly(1, 2);
        assertThat(partition().isr()).containsExactly(3, 2);
        assertThat(partition().elr()).isEmpty();
    }

    @Test
    void uncleanElectionWhenAllowedPicksAnActiveReplicaAndClearsTheElr() throws Exception {
        // given: unclean election allowed; ISR {3}, ELR {2}; 1 left the ISR first (not eligible)
        cluster.createTopic("u", Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "true"),
            new int[] {3, 2, 1});
        fence(1);
        fence(2);

        // when: 1 comes back (not eligible), then 3 (the leader) is fenced, 2 still down
        cluster.registerAndUnfenceAfterCleanShutdown(1);
        fence(3);

        // then: no eligible replica is up, so the topic's unclean election takes 1
        PartitionRegistration p = cluster.partition("u", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).containsExactly(1);
        assertThat(p.elr()).isEmpty();
        assertThat(p.lastKnownElr()).isEmpty();
    }

    @Test
    void withEligibleLeaderReplicasOffTheLastIsrMemberStaysAndAnUncleanRestartIsElectedAsBefore() throws Exception {
        // given
        assertThat(updateElrFeature(0).errorCode()).isEqualTo(Errors.NONE.code());

        // when: 1 and 2 fenced, then 3 crashes and comes back with an empty disk
        fence(1);
        fence(2);
        fence(3);
        PartitionRegistration fenced = partition();
        cluster.register(3);
        cluster.heartbeat(3);

        // then: Kafka's older rules
        assertThat(fenced.isr()).containsExactly(3);
        assertThat(fenced.elr()).isEmpty();
        assertThat(partition().leader()).isEqualTo(3);
        assertThat(partition().isr()).containsExactly(3);
    }

    @Test
    void disablingTheFeatureClearsTheElrAndGivesAnEmptyIsrItsEligibleReplicas() throws Exception {
        // given: ISR empty, ELR {2, 3}, last known ELR {3}
        fence(1);
        fence(2);
        fence(3);

        // when
        UpdateFeaturesResponseData response = updateElrFeature(0);

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(Features.eligibleLeaderReplicasEnabled(cluster.image())).isFalse();
        PartitionRegistration p = partition();
        assertThat(p.isr()).containsExactly(2, 3);
        assertThat(p.elr()).isEmpty();
        assertThat(p.lastKnownElr()).isEmpty();

        // and when 2 comes back it leads as an ISR member
        cluster.registerAndUnfenceAfterCleanShutdown(2);
        assertThat(partition().leader()).isEqualTo(2);
    }

    @Test
    void loweringMinIsrToTheIsrSizeEmptiesTheElr() throws Exception {
        // given: ISR {3}, ELR {2} under min.insync.replicas=2
        fence(1);
        fence(2);

        // when the topic's min ISR becomes 1
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData();
        IncrementalAlterConfigsRequestData.AlterConfigsResource resource =
            new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("t");
        resource.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("min.insync.replicas")
            .setValue("1").setConfigOperation(AlterConfigOp.OpType.SET.id()));
        request.resources().add(resource);
        short error = await(cluster.controller().incrementalAlterConfigs(request)).responses().get(0).errorCode();

        // then: the ISR is at min ISR, no replica needs to stay eligible
        assertThat(error).isEqualTo(Errors.NONE.code());
        assertThat(partition().isr()).containsExactly(3);
        assertThat(partition().elr()).isEmpty();
    }

    @Test
    void theElrSurvivesAControllerRestart() throws Exception {
        // given
        fence(1);
        fence(2);
        fence(3);
        PartitionRegistration before = partition();

        // when: the metadata log is replayed
        cluster.restart();

        // then
        assertThat(partition()).isEqualTo(before);
        assertThat(partition().elr()).containsExactly(2, 3);
    }

    private PartitionRegistration partition() {
        return cluster.partition("t", 0);
    }

    private void fence(int brokerId) throws Exception {
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(brokerId).setWantFence(true)
            .setCurrentMetadataOffset(cluster.image().offset()));
        assertThat(cluster.image().brokers().get(brokerId).orElseThrow().fenced()).isTrue();
    }

    private AlterPartitionResponseData alter(PartitionRegistration p, List<Integer> isr) throws Exception {
        AlterPartitionRequestData.PartitionData partition = new AlterPartitionRequestData.PartitionData()
            .setPartitionIndex(0).setLeaderEpoch(p.leaderEpoch()).setPartitionEpoch(p.partitionEpoch());
        isr.forEach(id -> partition.newIsrWithEpochs().add(new AlterPartitionRequestData.BrokerState()
            .setBrokerId(id).setBrokerEpoch(cluster.epochOf(id))));
        AlterPartitionRequestData request = new AlterPartitionRequestData().setBrokerId(p.leader())
            .setBrokerEpoch(cluster.epochOf(p.leader()));
        request.topics().add(new AlterPartitionRequestData.TopicData().setTopicId(topicId)
            .setPartitions(List.of(partition)));
        AlterPartitionResponseData response = await(cluster.controller().alterPartition(request, (short) 3));
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        return response;
    }

    private UpdateFeaturesResponseData updateElrFeature(int level) throws Exception {
        UpdateFeaturesRequestData request = new UpdateFeaturesRequestData();
        request.featureUpdates().add(new UpdateFeaturesRequestData.FeatureUpdateKey()
            .setFeature(Features.ELIGIBLE_LEADER_REPLICAS.name()).setMaxVersionLevel((short) level)
            .setUpgradeType(FeatureUpdate.UpgradeType.SAFE_DOWNGRADE.code()));
        return await(cluster.controller().updateFeatures(request, (short) 1));
    }
}
