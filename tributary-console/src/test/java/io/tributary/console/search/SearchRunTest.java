package io.tributary.console.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.broker.LocalLogs;
import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class SearchRunTest {

    /** Partition p holds 5 single-record batches "p-0" .. "p-4"; its high watermark is 5. */
    private static LocalPartition replica(int p, int failOnRead) {
        return new LocalPartition() {
            private int reads;

            @Override
            public long logStartOffset() {
                return 0;
            }

            @Override
            public long highWatermark() {
                return 5;
            }

            @Override
            public Records read(long offset, int maxBytes, long maxOffsetExclusive) {
                if (++reads == failOnRead) {
                    throw new IllegalStateException("t-" + p + " is no longer hosted on this node");
                }
                // one batch per read: the scan goes on read by read
                return MemoryRecords.withRecords(offset, Compression.NONE, new SimpleRecord(offset,
                        null, (p + "-" + offset).getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    @Test
    void aPartitionThatFailsMidScanIsSkippedAndTheOthersAreScanned() {
        Map<TopicPartition, LocalPartition> replicas = Map.of(
                new TopicPartition("t", 0), replica(0, -1),
                new TopicPartition("t", 1), replica(1, 3), // deleted after two batches
                new TopicPartition("t", 2), replica(2, -1));
        LocalLogs logs = tp -> Optional.ofNullable(replicas.get(tp));
        Map<TopicPartition, Long> from = new LinkedHashMap<>();
        for (int p = 0; p < 3; p++) {
            from.put(new TopicPartition("t", p), 0L);
        }
        SearchBudget budget = new SearchBudget(100, Long.MAX_VALUE, 60_000, System::nanoTime);
        List<String> found = new ArrayList<>();
        Sink sink = new Sink(found);
        List<SearchRun.Skipped> skipped = new SearchRun(RecordMatcher.substring("-", SearchField.VALUE), budget,
                sink, logs, () -> {
                    throw new AssertionError("every partition is local");
                }).run(from);

        assertThat(found).containsExactly("0-0", "0-1", "0-2", "0-3", "0-4", "1-0", "1-1", "2-0", "2-1", "2-2",
                "2-3", "2-4");
        assertThat(skipped).containsExactly(new SearchRun.Skipped(1, "t-1 is no longer hosted on this node"));
        assertThat(sink.partitionsDone).isEqualTo(2);
        assertThat(budget.reason()).isEqualTo(StopReason.COMPLETE);
    }

    @Test
    void stopsAtMaxMillisByTheBudgetsClock() {
        AtomicLong nanos = new AtomicLong();
        // each look at the clock is a millisecond later
        SearchBudget budget = new SearchBudget(100, Long.MAX_VALUE, 3, () -> nanos.getAndAdd(1_000_000));
        List<String> found = new ArrayList<>();
        LocalLogs logs = tp -> Optional.of(replica(0, -1));
        new SearchRun(RecordMatcher.substring("-", SearchField.VALUE), budget, new Sink(found), logs,
                () -> null).run(Map.of(new TopicPartition("t", 0), 0L));
        assertThat(budget.reason()).isEqualTo(StopReason.MAX_MILLIS);
        assertThat(found).hasSizeLessThan(5);
    }

    private static final class Sink implements MatchSink {
        private final List<String> found;
        int partitionsDone;

        Sink(List<String> found) {
            this.found = found;
        }

        @Override
        public boolean match(TopicPartition tp, TimestampType timestampType, Record record) {
            found.add(StandardCharsets.UTF_8.decode(record.value()).toString());
            return true;
        }

        @Override
        public boolean match(ConsumerRecord<byte[], byte[]> record) {
            throw new AssertionError("no consumer here");
        }

        @Override
        public boolean progress() {
            return true;
        }

        @Override
        public void partitionDone() {
            partitionsDone++;
        }
    }
}
