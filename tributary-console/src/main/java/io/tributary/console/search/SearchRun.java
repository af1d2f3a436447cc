package io.tributary.console.search;

import io.tributary.console.broker.LocalLogs;
import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * One search over a topic's partitions: those with a replica on this node first, read in place up to their high
 * watermark, then the others with a consumer (made only when needed). A partition that fails (deleted or moved
 * away mid-scan, its log directory gone, its leader unreachable) is skipped and reported; the others go on.
 */
public final class SearchRun {

    /** A partition the search could not finish, and why. */
    public record Skipped(int partition, String error) {
    }

    private final RecordMatcher matcher;
    private final SearchBudget budget;
    private final MatchSink sink;
    private final LocalLogs localLogs;
    private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;

    public SearchRun(RecordMatcher matcher, SearchBudget budget, MatchSink sink, LocalLogs localLogs,
                     Supplier<KafkaConsumer<byte[], byte[]>> consumers) {
        this.matcher = matcher;
        this.budget = budget;
        this.sink = sink;
        this.localLogs = localLogs;
        this.consumers = consumers;
    }

    /** Scans each partition from its start offset (in the map's order within local and remote ones). */
    public List<Skipped> run(Map<TopicPartition, Long> from) {
        List<Skipped> skipped = new ArrayList<>();
        List<TopicPartition> remote = new ArrayList<>();
        LogScanner local = new LogScanner(matcher, budget, sink);
        for (Map.Entry<TopicPartition, Long> partition : from.entrySet()) {
            TopicPartition tp = partition.getKey();
            Optional<LocalPartition> replica = localLogs.partition(tp);
            if (replica.isEmpty()) {
                remote.add(tp);
                continue;
            }
            if (budget.exhausted()) {
                return skipped;
            }
            try {
                local.scan(tp, replica.get(), partition.getValue(), replica.get().highWatermark());
                doneUnlessStopped();
            } catch (RuntimeException e) {
                skipped.add(skip(tp, e));
            }
        }
        if (remote.isEmpty() || budget.exhausted()) {
            return skipped;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumers.get()) {
            ConsumerScanner scanner = new ConsumerScanner(consumer, matcher, budget, sink);
            for (TopicPartition tp : remote) {
                if (budget.exhausted()) {
                    break;
                }
                try {
                    scanner.scan(tp, from.get(tp));
                    doneUnlessStopped();
                } catch (AuthorizationException e) {
                    throw e; // the user's rights, not the partition: the whole search fails
                } catch (RuntimeException e) {
                    skipped.add(skip(tp, e));
                }
            }
        }
        return skipped;
    }

    /** A scan that returned because a limit was reached has not finished its partition. */
    private void doneUnlessStopped() {
        if (!budget.exhausted()) {
            sink.partitionDone();
        }
    }

    private static Skipped skip(TopicPartition tp, RuntimeException e) {
        return new Skipped(tp.partition(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
