package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Damaged batches whose CRC was recomputed, as a buggy or hostile producer would send them, thrown at the leader
 * append: each is refused with an error, or, if accepted, every record of the stored batch decodes (key, value,
 * headers). Nothing a consumer could fail to read is ever stored.
 */
class StoredBatchesDecodeTest {

    /** v2 batch header: the CRC covers everything from the attributes on. */
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int RECORDS_OFFSET = 61;

    private Path dir;
    private LogFixture fixture;
    private PartitionLog log;

    private record Damage(int position, byte xor) {
    }

    @BeforeProperty
    void open() throws Exception {
        dir = Files.createTempDirectory("stored-batches");
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.defaults());
    }

    @AfterProperty
    void close() throws Exception {
        fixture.close();
        Utils.delete(dir.toFile());
    }

    @Property(tries = 1000)
    void whatIsStoredAlwaysDecodes(@ForAll("codecs") CompressionType codec,
                                   @ForAll("damages") List<Damage> damages) {
        // given a valid batch, damaged after its header and re-sealed with a valid CRC
        byte[] batch = batch(codec);
        for (Damage damage : damages) {
            int at = RECORDS_OFFSET + damage.position() % (batch.length - RECORDS_OFFSET);
            batch[at] ^= damage.xor() == 0 ? 1 : damage.xor();
        }
        sealCrc(batch);
        long endBefore = log.logEndOffset();

        // when
        boolean stored;
        try {
            log.appendAsLeader(MemoryRecords.readableRecords(ByteBuffer.wrap(batch)), 0);
            stored = true;
        } catch (ApiException refused) {
            stored = false;
        }

        // then
        Statistics.label("outcome").collect(stored ? "stored" : "refused");
        Statistics.label("outcome").coverage(coverage -> coverage.check("refused").count(count -> count > 0));
        if (stored) {
            for (RecordBatch storedBatch : log.read(endBefore, 1 << 20, log.logEndOffset(), true).records()
                    .batches()) {
                for (Record record : storedBatch) {
                    decodeFully(record);
                }
            }
        } else {
            assertThat(log.logEndOffset()).isEqualTo(endBefore);
        }
    }

    @Provide
    Arbitrary<CompressionType> codecs() {
        return Arbitraries.of(CompressionType.values());
    }

    @Provide
    Arbitrary<List<Damage>> damages() {
        Arbitrary<Damage> one = Combinators.combine(Arbitraries.integers().between(0, 1 << 16), Arbitraries.bytes())
                .as(Damage::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    private static byte[] batch(CompressionType codec) {
        Header[] headers = {new RecordHeader("h", "header-value".getBytes(StandardCharsets.UTF_8))};
        MemoryRecords records = MemoryRecords.withRecords(Compression.of(codec).build(),
                new SimpleRecord(LogFixture.START_MS, "key-1".getBytes(StandardCharsets.UTF_8),
                        "value-one".getBytes(StandardCharsets.UTF_8), headers),
                new SimpleRecord(LogFixture.START_MS, "key-2".getBytes(StandardCharsets.UTF_8),
                        "value-two-is-longer".getBytes(StandardCharsets.UTF_8)),
                new SimpleRecord(LogFixture.START_MS, "key-3".getBytes(StandardCharsets.UTF_8), null));
        return Utils.toArray(records.buffer());
    }

    private static void sealCrc(byte[] batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch, ATTRIBUTES_OFFSET, batch.length - ATTRIBUTES_OFFSET);
        ByteBuffer.wrap(batch).putInt(CRC_OFFSET, (int) crc.getValue());
    }

    /** What a consumer does with a record: every field read in full. */
    private static void decodeFully(Record record) {
        record.ensureValid();
        if (record.hasKey()) {
            Utils.toArray(record.key());
        }
        if (record.hasValue()) {
            Utils.toArray(record.value());
        }
        for (Header header : record.headers()) {
            assertThat(header.key()).isNotNull();
            header.value();
        }
    }
}
