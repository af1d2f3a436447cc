package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.PartitionRegistration;

class BrokerLifecycleTest {

    @TempDir
    Path dir;

    private ClusterHarness cluster;

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void aBrokerRegistersFencedWithItsRegistrationOffsetAsEpochAndIsUnfencedOnceCaughtUp() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());

        // when
        long epoch = cluster.register(1);
        var beforeHeartbeat = cluster.image().brokers().get(1).orElseThrow();
        BrokerHeartbeatResponseData behind = cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(1)
            .setCurrentMetadataOffset(epoch - 1));
        BrokerHeartbeatResponseData caughtUp = cluster.heartbeat(1);

        // then
        // offset 0 is the controller's activation record, 1 the registration
        assertThat(epoch).isEqualTo(beforeHeartbeat.epoch()).isEqualTo(1);
        assertThat(beforeHeartbeat.fenced()).isTrue();
        assertThat(behind.isCaughtUp()).isFalse();
        assertThat(behind.isFenced()).isTrue();
        assertThat(caughtUp.isCaughtUp()).isTrue();
        assertThat(caughtUp.isFenced()).isFalse();
        assertThat(cluster.image().brokers().get(1).orElseThrow().fenced()).isFalse();
    }

    @Test
    void aStaleEpochIsRefused() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        long epoch = cluster.register(1);

        // when
        BrokerHeartbeatResponseData response = await(cluster.controller().brokerHeartbeat(
            new BrokerHeartbeatRequestData().setBrokerId(1).setBrokerEpoch(epoch + 100)));

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.STALE_BROKER_EPOCH.code());
    }

    @Test
    void aSilentBrokerIsFencedAfterTheSessionTimeoutAndLosesLeadershipAndIsrMembership() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        cluster.createTopic("t", Map.of(), new int[] {2, 1, 3});
        PartitionRegistration before = cluster.partition("t", 0);

        // when: brokers 1 and 3 keep heartbeating, 2 goes silent
        cluster.advance(ClusterHarness.SESSION_TIMEOUT_MS / 2);
        cluster.heartbeat(1);
        cluster.heartbeat(3);
        cluster.advance(ClusterHarness.SESSION_TIMEOUT_MS / 2 + 1);

        // then
        assertThat(cluster.image().brokers().get(2).orElseThrow().fenced()).isTrue();
        assertThat(cluster.image().brokers().get(1).orElseThrow().fenced()).isFalse();
        PartitionRegistration after = cluster.partition("t", 0);
        assertThat(after.leader()).isEqualTo(1);
        assertThat(after.isr()).containsExactly(1, 3);
        assertThat(after.leaderEpoch()).isEqualTo(before.leaderEpoch() + 1);
        assertThat(after.partitionEpoch()).isEqualTo(before.partitionEpoch() + 1);
    }

    @Test
    void aHeartbeatQueuedBehindALongOperationKeepsTheSessionFromItsArrival() throws Exception {
        // given: the controller thread waits for a topic whose application takes long (a broker making the logs of
        // 10,000 partitions on the apply thread), with the fencing timer queued before broker 1's next heartbeat
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1);
        AtomicBoolean fenced = watchFencing(1);
        CountDownLatch release = blockWhileApplying("slow");
        CompletableFuture<?> creation = createTopicAsync("slow");
        CompletableFuture<Void> timer = cluster.controller().runPeriodicTasks().toCompletableFuture();

        // when: the heartbeat arrives in the middle of the session and is only handled after the timer ran
        cluster.time().sleep(ClusterHarness.SESSION_TIMEOUT_MS / 2);
        var heartbeat = cluster.controller().brokerHeartbeat(new BrokerHeartbeatRequestData().setBrokerId(1)
            .setBrokerEpoch(cluster.epochOf(1)).setCurrentMetadataOffset(cluster.image().offset()))
            .toCompletableFuture();
        cluster.time().sleep(ClusterHarness.SESSION_TIMEOUT_MS / 2 + 1);
        release.countDown();
        creation.get(10, TimeUnit.SECONDS);
        timer.get(10, TimeUnit.SECONDS);

        // then: it was heard in time (as Kafka's BrokerHeartbeatTracker counts arrival), so no fencing, not even
        // one that the heartbeat, handled after the timer, would have undone
        assertThat(heartbeat.get(10, TimeUnit.SECONDS).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(fenced).isFalse();
        assertThat(cluster.partition("slow", 0).leaderEpoch()).isZero();
    }

    @Test
    void aQueuedHeartbeatOfAnotherEpochDoesNotKeepTheSession() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1);
        CountDownLatch release = blockWhileApplying("slow");
        CompletableFuture<?> creation = createTopicAsync("slow");
        CompletableFuture<Void> timer = cluster.controller().runPeriodicTasks().toCompletableFuture();

        // when: only an old incarnation's heartbeat arrives
        cluster.time().sleep(ClusterHarness.SESSION_TIMEOUT_MS / 2);
        cluster.controller().brokerHeartbeat(new BrokerHeartbeatRequestData().setBrokerId(1)
            .setBrokerEpoch(cluster.epochOf(1) - 1));
        cluster.time().sleep(ClusterHarness.SESSION_TIMEOUT_MS / 2 + 1);
        release.countDown();
        creation.get(10, TimeUnit.SECONDS);
        timer.get(10, TimeUnit.SECONDS);

        // then
        assertThat(cluster.image().brokers().get(1).orElseThrow().fenced()).isTrue();
    }

    /** Whether broker {@code brokerId} is fenced in any image applied from now on. */
    private AtomicBoolean watchFencing(int brokerId) {
        AtomicBoolean fenced = new AtomicBoolean();
        cluster.controller().addListener((delta, image) -> {
            if (image.brokers().get(brokerId).map(b -> b.fenced()).orElse(false)) {
                fenced.set(true);
            }
        });
        return fenced;
    }

    /** A listener that holds the apply thread on the update creating {@code topic} until the latch opens. */
    private CountDownLatch blockWhileApplying(String topic) {
        CountDownLatch release = new CountDownLatch(1);
        cluster.controller().addListener((delta, image) -> {
            if (image.topics().get(topic).isPresent() && release.getCount() > 0) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return release;
    }

    /** Submitted to the controller thread before this returns (ahead of what the test queues next). */
    private CompletableFuture<?> createTopicAsync(String name) {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        CreateTopicsRequestData.CreatableTopic topic = new CreateTopicsRequestData.CreatableTopic().setName(name)
            .setNumPartitions(-1).setReplicationFactor((short) -1);
        topic.assignments().add(new CreateTopicsRequestData.CreatableReplicaAssignment().setPartitionIndex(0)
            .setBrokerIds(List.of(1)));
        request.topics().add(topic);
        return cluster.controller().createTopics(request).toCompletableFuture();
    }

    @Test
    void anUnregisteredBrokerLeavesTheIsrsItsLeadershipAndTheCluster() throws Exception {
        // given broker 2 leading a partition replicated on 1, 2 and 3, and the only replica of another
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2, 3);
        cluster.createTopic("t", Map.of(), new int[] {2, 1, 3});
        cluster.createTopic("only-on-2", Map.of(), new int[] {2});

        // when it is unregistered (kafka-cluster unregister --id 2), then asked again
        UnregisterBrokerResponseData unregistered = await(cluster.controller().unregisterBroker(
            new UnregisterBrokerRequestData().setBrokerId(2)));
        UnregisterBrokerResponseData again = await(cluster.controller().unregisterBroker(
            new UnregisterBrokerRequestData().setBrokerId(2)));

        // then it is gone, a live ISR member leads, and the partition it alone held has no leader
        assertThat(unregistered.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(cluster.image().brokers().get(2)).isEmpty();
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(1);
        assertThat(cluster.partition("t", 0).isr()).containsExactly(1, 3);
        assertThat(cluster.partition("only-on-2", 0).leader()).isEqualTo(PartitionRegistration.NO_LEADER);
        assertThat(again.errorCode()).isEqualTo(Errors.BROKER_ID_NOT_REGISTERED.code());
        assertThat(again.errorMessage()).isEqualTo("Broker ID 2 is not currently registered");
    }

    @Test
    void anUnregisteredBrokerThatStillRunsRegistersAgainAtItsNextHeartbeat() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1);
        await(cluster.controller().unregisterBroker(new UnregisterBrokerRequestData().setBrokerId(1)));

        // when
        BrokerHeartbeatResponseData heartbeat = await(cluster.controller().brokerHeartbeat(
            new BrokerHeartbeatRequestData().setBrokerId(1).setBrokerEpoch(cluster.epochOf(1))));
        long epoch = cluster.register(1);

        // then
        assertThat(heartbeat.errorCode()).isEqualTo(Errors.BROKER_ID_NOT_REGISTERED.code());
        assertThat(cluster.image().brokers().get(1).orElseThrow().epoch()).isEqualTo(epoch);
    }

    @Test
    void theLastIsrMemberMovesToTheElrWithNoLeaderAndIsElectedAgainWhenUnfenced() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("single", Map.of(), new int[] {2});

        // when
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(2).setWantFence(true));
        PartitionRegistration offline = cluster.partition("single", 0);
        cluster.heartbeat(2);
        PartitionRegistration online = cluster.partition("single", 0);

        // then
        // KIP-966 (on by default): the ISR empties, the last member stays eligible in the ELR
        assertThat(offline.leader()).isEqualTo(PartitionRegistration.NO_LEADER);
        assertThat(offline.isr()).isEmpty();
        assertThat(offline.elr()).containsExactly(2);
        assertThat(online.leader()).isEqualTo(2);
        assertThat(online.isr()).containsExactly(2);
        assertThat(online.elr()).isEmpty();
        assertThat(online.leaderEpoch()).isEqualTo(offline.leaderEpoch() + 1);
    }

    @Test
    void uncleanElectionWhenEnabledForTheTopicPicksAnyLiveReplica() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("unclean", Map.of("unclean.leader.election.enable", "true"), new int[] {1, 2});
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(2).setWantFence(true));

        // when: broker 1, now the whole ISR, is fenced too
        cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(1).setWantFence(true));
        cluster.heartbeat(2);

        // then
        PartitionRegistration p = cluster.partition("unclean", 0);
        assertThat(p.leader()).isEqualTo(2);
        assertThat(p.isr()).containsExactly(2);
    }

    @Test
    void reRegistrationWithANewIncarnationFencesTheOldOneFirst() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("t", Map.of(), new int[] {1, 2});
        long oldEpoch = cluster.epochOf(1);

        // when
        long newEpoch = cluster.register(1);

        // then
        assertThat(newEpoch).isGreaterThan(oldEpoch);
        assertThat(cluster.image().brokers().get(1).orElseThrow().fenced()).isTrue();
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(2);
        assertThat(cluster.partition("t", 0).isr()).containsExactly(2);
    }

    @Test
    void controlledShutdownMovesLeadershipAwayThenAllowsShutdown() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.createTopic("t", Map.of(), new int[] {1, 2}, new int[] {2, 1});

        // when
        BrokerHeartbeatResponseData response = cluster.heartbeat(new BrokerHeartbeatRequestData().setBrokerId(1)
            .setWantShutDown(true).setCurrentMetadataOffset(cluster.image().offset()));

        // then
        assertThat(response.shouldShutDown()).isTrue();
        assertThat(cluster.partition("t", 0).leader()).isEqualTo(2);
        assertThat(cluster.partition("t", 0).isr()).containsExactly(2);
        assertThat(cluster.partition("t", 1).leader()).isEqualTo(2);
        assertThat(cluster.image().brokers().get(1).orElseThrow().fenced()).isTrue();
    }

    @Test
    void replicasArePlacedOnlyOnUnfencedBrokers() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.register(3);

        // when
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("rf3").setNumPartitions(1)
            .setReplicationFactor((short) 3));
        request.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("rf2").setNumPartitions(4)
            .setReplicationFactor((short) 2));
        var response = await(cluster.controller().createTopics(request));

        // then
        assertThat(response.topics().find("rf3").errorCode()).isEqualTo(Errors.INVALID_REPLICATION_FACTOR.code());
        assertThat(response.topics().find("rf3").errorMessage()).isEqualTo("Unable to replicate the partition 3 "
            + "time(s): The target replication factor of 3 cannot be reached because only 2 broker(s) are registered.");
        assertThat(cluster.image().topics().get("rf2").orElseThrow().partitions().values())
            .allSatisfy(p -> assertThat(p.replicas()).doesNotContain(3));
    }

    @Test
    void aNewActiveControllerGivesEveryBrokerAFreshSession() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        cluster.registerAndUnfence(1, 2);
        cluster.time().sleep(ClusterHarness.SESSION_TIMEOUT_MS - 1000);

        // when
        cluster.restart();
        cluster.advance(2000);

        // then
        assertThat(cluster.image().brokers().get(1).orElseThrow().fenced()).isFalse();
        assertThat(cluster.image().brokers().get(2).orElseThrow().fenced()).isFalse();
    }
}
