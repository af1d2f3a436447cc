package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.LogConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A topic with its own compression.type checks the producer's batches as sent, before recompressing them. */
class RecompressedAppendTest {

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.builder().compressionType("zstd").build());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aBatchWithABadChecksumIsRefusedRatherThanRecompressed() {
        // given an uncompressed batch whose last byte was flipped after its CRC was computed
        MemoryRecords produced = batch(START_MS, "a", "b");
        ByteBuffer bytes = produced.buffer();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 0x7f));

        // when it is appended, then it is refused and nothing is written
        assertThatThrownBy(() -> log.appendAsLeader(produced, 0)).isInstanceOf(CorruptRecordException.class);
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void aValidBatchIsStoredInTheTopicsCodec() {
        // when
        log.appendAsLeader(batch(START_MS, "a", "b"), 0);

        // then
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.read(0, 1 << 20, Long.MAX_VALUE, true).records().batches().iterator().next()
                .compressionType()).isEqualTo(CompressionType.ZSTD);
    }
}
