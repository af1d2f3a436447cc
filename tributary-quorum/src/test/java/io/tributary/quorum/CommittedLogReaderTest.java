package io.tributary.quorum;

import static io.tributary.quorum.QuorumTestCluster.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.metadata.log.CommittedLogReader.SerializedBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What broker-only nodes fetch: a voter's committed batches, read back from its Raft log, and the commit wake-up. */
class CommittedLogReaderTest {

    @TempDir
    Path dir;

    private QuorumMetadataLog log;

    @AfterEach
    void close() throws Exception {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void readsTheCommittedBatchesBackAndWakesAWaiterAtTheNextCommit() throws Exception {
        // given a one-voter quorum on an ephemeral loopback Raft port (as behind a shared controller listener)
        QuorumConfig config = QuorumConfig.of(1, Map.of(1, InetSocketAddress.createUnresolved("localhost", 9)),
                dir).withBindAddress(new InetSocketAddress("127.0.0.1", 0));
        log = QuorumMetadataLog.open(config, "CONTROLLER");
        log.start(batch -> { });
        await().atMost(Duration.ofSeconds(30)).until(() -> log.writerEpoch() != MetadataLog.NOT_WRITER);
        List<List<MetadataRecord>> appended = List.of(batch("a", "b"), batch("c"), batch("d", "e", "f"));
        List<Long> offsets = new ArrayList<>();
        for (List<MetadataRecord> records : appended) {
            offsets.add(log.append(records).toCompletableFuture().get(30, TimeUnit.SECONDS));
        }

        // when
        List<SerializedBatch> all = log.readCommitted(0, Integer.MAX_VALUE);
        List<SerializedBatch> one = log.readCommitted(offsets.get(1), 1);
        CompletableFuture<Void> waiting = log.awaitCommittedAfter(offsets.get(2));
        boolean doneBeforeCommit = waiting.isDone();
        long next = log.append(batch("g")).toCompletableFuture().get(30, TimeUnit.SECONDS);

        // then
        assertThat(log.raftAddress().getPort()).as("the bound port").isPositive();
        assertThat(all).extracting(SerializedBatch::offset).isEqualTo(offsets);
        assertThat(all).extracting(b -> MetadataRecordSerde.readRecords(b.records().duplicate())).isEqualTo(appended);
        assertThat(one).extracting(SerializedBatch::offset).containsExactly(offsets.get(1));
        assertThat(doneBeforeCommit).isFalse();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(log.awaitCommittedAfter(offsets.get(2))).isDone();
        assertThat(log.highWatermark()).isEqualTo(next + 1);
        assertThat(log.leaderId()).hasValue(1);
    }
}
