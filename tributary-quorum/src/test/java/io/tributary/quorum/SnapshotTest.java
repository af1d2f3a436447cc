package io.tributary.quorum;

import static io.tributary.quorum.QuorumTestCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.snapshot.SnapshotPolicy;

class SnapshotTest {

    /** Small segments and a snapshot every 32 KiB of records, so a few hundred batches purge the log. */
    private static final SnapshotPolicy POLICY = new SnapshotPolicy(32 * 1024, 0);
    private static final long SEGMENT_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aLaggingVoterWhoseEntriesWerePurgedInstallsTheLeadersSnapshotAndARestartStartsFromOne() throws Exception {
        try (QuorumTestCluster cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10), POLICY, SEGMENT_BYTES)
            .startAll()) {
            MetadataQuorum leader = cluster.awaitLeader();
            writeHistory(leader, 0, 50);
            int lagging = cluster.aFollowerOf(leader).nodeId();
            // The stopped voter's log may hold entries it has not applied, never more than the leader's log.
            long laggingEnd = Math.max(leader.committedOffset(), cluster.node(lagging).committedOffset());
            cluster.stop(lagging);

            // when: the others go on until their logs no longer hold what the stopped voter lacks
            int round = 1;
            while (leader.logStartIndex() <= laggingEnd + 1 || othersLogStart(cluster, lagging) <= laggingEnd + 1) {
                writeHistory(leader, round * 50, 50);
                round++;
                assertThat(round).as("the log is purged after snapshots").isLessThan(40);
            }
            long leaderEnd = leader.committedOffset();
            // The image's offset is its last metadata batch's; Raft's own entries (no-ops) may come after it.
            await().atMost(WAIT).until(() -> cluster.image(leader.nodeId()).offset() > laggingEnd);
            long imageEnd = cluster.image(leader.nodeId()).offset();
            cluster.start(lagging);

            // then
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(cluster.listener(lagging).snapshots()).isNotEmpty();
                assertThat(cluster.node(lagging).committedOffset()).isGreaterThanOrEqualTo(leaderEnd);
                assertThat(cluster.image(lagging).offset()).isGreaterThanOrEqualTo(imageEnd);
            });
            assertThat(cluster.image(lagging).sameContentAs(cluster.image(leader.nodeId()))).isTrue();
            assertThat(cluster.image(lagging).topics().size()).isEqualTo(round * 25);

            // when: everyone restarts
            for (int id : List.of(1, 2, 3)) {
                cluster.stop(id);
            }
            cluster.startAll();

            // then: each starts from its snapshot, and the first segments are gone
            for (int id : List.of(1, 2, 3)) {
                await().atMost(WAIT).untilAsserted(() ->
                    assertThat(cluster.image(id).offset()).isGreaterThanOrEqualTo(imageEnd));
                assertThat(cluster.listener(id).snapshots()).hasSize(1);
                assertThat(cluster.listener(id).batches().size()).isLessThan(round * 50);
                assertThat(raftFiles(cluster, id)).noneMatch(name -> name.startsWith("log_0-"));
                assertThat(cluster.image(id).topics().size()).isEqualTo(round * 25);
            }
            MetadataQuorum newLeader = cluster.awaitLeader();
            long offset = newLeader.append(List.of(new TopicRecord("after", Uuid.randomUuid())))
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(offset).isGreaterThan(leaderEnd);
        }
    }

    @Test
    void aDamagedSnapshotIsNeverLoadedTheNodeFallsBackOrRefusesToStart() throws Exception {
        try (QuorumTestCluster cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10), POLICY, SEGMENT_BYTES)
            .startAll()) {
            MetadataQuorum leader = cluster.awaitLeader();
            int follower = cluster.aFollowerOf(leader).nodeId();
            int round = 0;
            while (snapshotFiles(cluster, follower).size() < 2 || cluster.node(follower).logStartIndex() <= 0) {
                writeHistory(leader, round++ * 50, 50);
                assertThat(round).isLessThan(40);
            }
            long end = leader.committedOffset();
            await().atMost(WAIT).until(() -> cluster.node(follower).committedOffset() >= end);
            cluster.stop(follower);
            Path newest = snapshotFiles(cluster, follower).get(0);
            byte[] bytes = Files.readAllBytes(newest);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(newest, bytes);

            // when
            Throwable refused = null;
            try {
                cluster.start(follower);
            } catch (RuntimeException e) {
                refused = e;
            }

            // then
            assertThat(newest).doesNotExist();
            assertThat(newest.resolveSibling(newest.getFileName() + ".corrupt")).exists();
            if (refused == null) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.image(follower).sameContentAs(
                    cluster.image(leader.nodeId()))).isTrue());
                assertThat(cluster.listener(follower).snapshots()).hasSize(1)
                    .allMatch(offset -> offset < indexOf(newest));
            } else {
                assertThat(refused).hasStackTraceContaining("reinstalled from the leader");
            }
        }
    }

    /** The node's snapshot files, newest first. */
    private static List<Path> snapshotFiles(QuorumTestCluster cluster, int id) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.dataDir(id))) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                .sorted(java.util.Comparator.comparingLong(SnapshotTest::indexOf).reversed())
                .toList();
        }
    }

    private static long indexOf(Path snapshot) {
        String name = snapshot.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('_') + 1));
    }

    private long othersLogStart(QuorumTestCluster cluster, int lagging) {
        return cluster.runningIds().stream().filter(id -> id != lagging)
            .mapToLong(id -> cluster.node(id).logStartIndex()).min().orElseThrow();
    }

    /** {@code count} batches: a topic created with a config, every other one deleted again. */
    private static void writeHistory(MetadataQuorum leader, int first, int count) throws Exception {
        List<CompletableFuture<Long>> appended = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            Uuid id = Uuid.randomUuid();
            String name = "topic-with-a-longish-name-" + i;
            List<MetadataRecord> batch = new ArrayList<>();
            batch.add(new TopicRecord(name, id));
            batch.add(new ConfigRecord(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, name,
                "retention.ms", "1" + "0".repeat(200)));
            appended.add(leader.append(batch).toCompletableFuture());
            if (i % 2 == 1) {
                appended.add(leader.append(List.of(new RemoveTopicRecord(id))).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static List<String> raftFiles(QuorumTestCluster cluster, int id) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.dataDir(id))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
