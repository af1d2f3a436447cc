package io.tributary.console.messages;

import io.tributary.console.http.EventStream;
import io.tributary.console.search.MatchSink;
import io.tributary.console.search.SearchBudget;
import io.tributary.console.search.SearchRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.Record;

/** A search's events: {@code match}, {@code progress} at least every 250 ms, and {@code done}. */
final class SearchEvents implements MatchSink {

    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final EventStream events;
    private final SearchBudget budget;
    private final int partitionsTotal;
    private int partitionsDone;
    private long lastProgress = System.nanoTime();

    SearchEvents(EventStream events, SearchBudget budget, int partitionsTotal) {
        this.events = events;
        this.budget = budget;
        this.partitionsTotal = partitionsTotal;
    }

    @Override
    public boolean match(TopicPartition tp, TimestampType timestampType, Record record) {
        return events.send("match", MessageJson.of(tp.partition(), timestampType, record));
    }

    @Override
    public boolean match(ConsumerRecord<byte[], byte[]> record) {
        return events.send("match", MessageJson.of(record));
    }

    @Override
    public boolean progress() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            Map<String, Object> progress = counters();
            progress.put("partitionsDone", partitionsDone);
            progress.put("partitionsTotal", partitionsTotal);
            return events.send("progress", progress);
        }
        return events.isOpen();
    }

    @Override
    public void partitionDone() {
        partitionsDone++;
    }

    void done(List<SearchRun.Skipped> skipped) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("reason", budget.reason().wireName());
        done.put("matches", budget.matches());
        done.putAll(counters());
        done.put("partitionsDone", partitionsDone);
        done.put("partitionsTotal", partitionsTotal);
        done.put("skipped", skipped);
        events.send("done", done);
    }

    private Map<String, Object> counters() {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("scannedBytes", budget.scannedBytes());
        counters.put("scannedRecords", budget.scannedRecords());
        counters.put("elapsedMs", budget.elapsedMillis());
        counters.put("bytesPerSec", budget.bytesPerSec());
        return counters;
    }
}
