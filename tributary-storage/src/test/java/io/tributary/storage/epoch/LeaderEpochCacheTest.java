package io.tributary.storage.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(LeaderEpochCache.FILE_NAME);
    }

    private LeaderEpochCache cacheWithTwoEpochs() throws Exception {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(0, 0);
        cache.assign(3, 100);
        Files.setLastModifiedTime(file(), LONG_AGO); // a rewrite would give it a new time
        return cache;
    }

    @Test
    void writesEachChangeThroughUnlessDeferred() throws Exception {
        // given
        LeaderEpochCache cache = cacheWithTwoEpochs();

        // when
        cache.assign(4, 150);

        // then
        assertThat(Files.readString(file())).isEqualTo("0\n3\n0 0\n3 100\n4 150\n");
        assertThat(new LeaderEpochCache(dir).entries()).hasSize(3);
    }

    @Test
    void aRecoveryThatDerivesTheSameHistoryAgainDoesNotRewriteTheFile() throws Exception {
        // given
        LeaderEpochCache cache = cacheWithTwoEpochs();
        LeaderEpochCache reopened = new LeaderEpochCache(dir);

        // when: what recovery from offset 0 does, the batches being in epochs 0 and 3
        reopened.deferFlushes();
        reopened.truncateFromEnd(0);
        reopened.assign(0, 0);
        reopened.assign(3, 100);
        reopened.flushDeferred();

        // then
        assertThat(reopened.entries()).isEqualTo(cache.entries());
        assertThat(Files.getLastModifiedTime(file())).isEqualTo(LONG_AGO);
    }

    @Test
    void changesWhileDeferredReachTheFileOnceAtTheEnd() throws Exception {
        // given
        cacheWithTwoEpochs();
        LeaderEpochCache reopened = new LeaderEpochCache(dir);

        // when: the log was torn inside epoch 3
        reopened.deferFlushes();
        reopened.truncateFromEnd(0);
        reopened.assign(0, 0);
        String duringRecovery = Files.readString(file());
        reopened.truncateFromEnd(50);
        reopened.flushDeferred();

        // then: the file kept the old history until the end (a crash meanwhile recovers the same range again)
        assertThat(duringRecovery).isEqualTo("0\n2\n0 0\n3 100\n");
        assertThat(Files.readString(file())).isEqualTo("0\n1\n0 0\n");
        assertThat(new LeaderEpochCache(dir).entries()).containsExactly(new LeaderEpochCache.EpochEntry(0, 0));

        // and later changes are written through again
        reopened.assign(5, 60);
        assertThat(new LeaderEpochCache(dir).entries()).extracting(LeaderEpochCache.EpochEntry::epoch)
                .isEqualTo(List.of(0, 5));
    }

    @Test
    void aHistoryRebuiltWithoutAFileIsWritten() throws Exception {
        // given: no checkpoint at all
        LeaderEpochCache cache = new LeaderEpochCache(dir);

        // when
        cache.deferFlushes();
        cache.truncateFromEnd(0);
        cache.assign(2, 0);
        cache.flushDeferred();

        // then
        assertThat(Files.readString(file())).isEqualTo("0\n1\n2 0\n");
    }
}
