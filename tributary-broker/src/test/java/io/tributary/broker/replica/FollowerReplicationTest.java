package io.tributary.broker.replica;

import static io.tributary.broker.partition.ReplicationFixture.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.partition.LeadershipListener;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicationFixture;
import io.tributary.storage.api.AppendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FollowerReplicationTest {

    private static final short ACKS_ALL = -1;
    private static final short ACKS_ONE = 1;

    @RegisterExtension
    final InProcessBrokers brokers = InProcessBrokers.withBrokers(1, 2);
    @TempDir
    Path tempDir;

    @Test
    void aFollowerReplicatesAndAcksAllCompletesWhenItHasTheRecords() {
        // given
        brokers.publish(1, 1, 1, new int[] {1, 2});
        Partition leader = brokers.nodes.get(1).partition();
        Partition follower = brokers.nodes.get(2).partition();

        // when
        CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a", "b", "c"), ACKS_ALL, 10_000);

        // then
        await().atMost(Duration.ofSeconds(10)).until(acked::isDone);
        assertThat(acked.join().lastOffset()).isEqualTo(2);
        assertThat(leader.highWatermark()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.highWatermark() == 3);
        assertThat(values(follower)).containsExactly("a", "b", "c");
        assertThat(follower.latestEpoch()).isEqualTo(1);
        assertThat(follower.isLeader()).isFalse();
    }

    @Test
    void inDurableModeAcksAllMeansFsyncedOnTheFollowerToo() {
        // given two durable brokers
        try (InProcessBrokers durableBrokers = new InProcessBrokers().durable()) {
            durableBrokers.addBroker(1, dir("durable-1"));
            durableBrokers.addBroker(2, dir("durable-2"));
            durableBrokers.publish(1, 1, 1, new int[] {1, 2});
            Partition leader = durableBrokers.nodes.get(1).partition();

            // when
            CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a", "b", "c"), ACKS_ALL, 10_000);

            // then the follower had fsynced the records before its fetch moved the high watermark past them
            await().atMost(Duration.ofSeconds(10)).until(acked::isDone);
            assertThat(acked.join().lastOffset()).isEqualTo(2);
            assertThat(durableBrokers.nodes.get(2).logs.getLog(ReplicationFixture.TP).orElseThrow().flushedOffset())
                    .isGreaterThanOrEqualTo(3);
        }
    }

    private Path dir(String name) {
        try {
            return Files.createDirectories(tempDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFollowerDropsWhatTheNewLeaderNeverHadAndTakesItsLog() {
        // given: both have a, b; then broker 2, still leader but cut off, appends c, d alone
        brokers.publish(2, 1, 1, new int[] {1, 2});
        Partition two = brokers.nodes.get(2).partition();
        Partition one = brokers.nodes.get(1).partition();
        await().atMost(Duration.ofSeconds(10)).until(two.appendAsLeader(records("a", "b"), ACKS_ALL, 10_000)::isDone);
        brokers.unreachable.add(2);
        two.appendAsLeader(records("c", "d"), ACKS_ONE);

        // when: broker 1 becomes leader in epoch 2 and appends e; broker 2 comes back as its follower
        brokers.publish(1, 2, 2, new int[] {1});
        one.appendAsLeader(records("e"), ACKS_ONE);
        brokers.unreachable.remove(2);

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> values(two).equals(List.of("a", "b", "e")));
        assertThat(two.endOffsetForEpoch(1).endOffset()).isEqualTo(2);
        assertThat(two.latestEpoch()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> brokers.controller.requests.size() == 1);
        assertThat(brokers.controller.lastRequestedIsr()).containsExactly(1, 2);
    }

    @Test
    void aRemovedFollowerStopsFetching() {
        // given
        brokers.publish(1, 1, 1, new int[] {1, 2});
        assertThat(brokers.nodes.get(2).fetchers.followedFrom(1)).isEqualTo(1);

        // when: broker 2 becomes the leader
        brokers.publish(2, 2, 2, new int[] {1, 2});

        // then
        assertThat(brokers.nodes.get(2).fetchers.followedFrom(1)).isZero();
        assertThat(brokers.nodes.get(1).fetchers.followedFrom(2)).isEqualTo(1);
        assertThat(brokers.nodes.get(2).partition().isLeader()).isTrue();
    }

    @Test
    void leadershipListenersHearEveryTransition() {
        // given
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        brokers.nodes.get(1).partitions.addLeadershipListener(new LeadershipListener() {
            @Override
            public void onBecomeLeader(Partition partition) {
                events.add("lead " + partition.leaderEpoch());
            }

            @Override
            public void onStopLeading(TopicPartition partition) {
                events.add("stop");
            }
        });

        // when
        brokers.publish(1, 1, 1, new int[] {1, 2});
        brokers.publish(1, 1, 2, new int[] {1});
        brokers.publish(2, 2, 3, new int[] {2});
        brokers.publish(1, 3, 4, new int[] {1});

        // then
        assertThat(events).containsExactly("lead 1", "stop", "lead 3");
    }

    static List<String> values(Partition partition) {
        List<String> values = new ArrayList<>();
        long offset = partition.logStartOffset();
        while (offset < partition.logEndOffset()) {
            var result = partition.read(offset, 1 << 20, partition.logEndOffset(), true);
            if (result.sizeInBytes() == 0) {
                break;
            }
            for (RecordBatch batch : result.records().batches()) {
                for (Record record : batch) {
                    values.add(StandardCharsets.UTF_8.decode(record.value()).toString());
                }
                offset = batch.nextOffset();
            }
        }
        return values;
    }
}
