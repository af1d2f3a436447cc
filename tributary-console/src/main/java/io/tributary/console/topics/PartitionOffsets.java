package io.tributary.console.topics;

import io.tributary.console.http.AdminFutures;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The log start and end offsets (high watermarks) of many partitions: one ListOffsets call for the earliest and one
 * for the latest, sent together. Only partitions with a leader are asked: the client would retry a leaderless one
 * until its timeout.
 */
final class PartitionOffsets {

    /** A partition's first offset and the end consumers see; either is null when it could not be read. */
    record Range(Long start, Long end) {
        static final Range UNKNOWN = new Range(null, null);

        Long messages() {
            return start == null || end == null ? null : Math.max(0, end - start);
        }
    }

    private final List<TopicPartition> partitions;
    private final ListOffsetsResult earliest;
    private final ListOffsetsResult latest;

    private PartitionOffsets(List<TopicPartition> partitions, ListOffsetsResult earliest, ListOffsetsResult latest) {
        this.partitions = partitions;
        this.earliest = earliest;
        this.latest = latest;
    }

    static PartitionOffsets start(Admin admin, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return new PartitionOffsets(List.of(), null, null);
        }
        ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs(AdminFutures.TIMEOUT_MS);
        Map<TopicPartition, OffsetSpec> first = new HashMap<>();
        Map<TopicPartition, OffsetSpec> last = new HashMap<>();
        for (TopicPartition tp : partitions) {
            first.put(tp, OffsetSpec.earliest());
            last.put(tp, OffsetSpec.latest());
        }
        return new PartitionOffsets(List.copyOf(partitions), admin.listOffsets(first, options),
                admin.listOffsets(last, options));
    }

    /** Each asked partition's range; an offset that failed (a leader that moved, no rights) is null. */
    Map<TopicPartition, Range> await() throws InterruptedException {
        Map<TopicPartition, Range> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp, new Range(offsetOrNull(earliest, tp), offsetOrNull(latest, tp)));
        }
        return out;
    }

    private static Long offsetOrNull(ListOffsetsResult result, TopicPartition tp) throws InterruptedException {
        try {
            return AdminFutures.await(result.partitionResult(tp)).offset();
        } catch (ExecutionException e) {
            return null;
        }
    }
}
