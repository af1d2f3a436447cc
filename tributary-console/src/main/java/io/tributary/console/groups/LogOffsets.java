package io.tributary.console.groups;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.tributary.console.http.AdminFutures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/**
 * One ListOffsets call over many partitions (the client sends one request per leader). A partition that fails
 * (its topic deleted, not authorized) has no offset rather than failing the page.
 */
final class LogOffsets {

    private LogOffsets() {
    }

    static Map<TopicPartition, Long> latest(Admin admin, Collection<TopicPartition> partitions)
            throws InterruptedException {
        return list(admin, partitions, OffsetSpec.latest());
    }

    static Map<TopicPartition, Long> earliest(Admin admin, Collection<TopicPartition> partitions)
            throws InterruptedException {
        return list(admin, partitions, OffsetSpec.earliest());
    }

    /** The first offset whose timestamp is at or after {@code timestamp}; none (-1) when every record is older. */
    static Map<TopicPartition, Long> forTimestamp(Admin admin, Collection<TopicPartition> partitions,
                                                  long timestamp) throws InterruptedException {
        return list(admin, partitions, OffsetSpec.forTimestamp(timestamp));
    }

    /** Every partition's offset, or the first partition's failure thrown (for a reset, which needs them all). */
    static Map<TopicPartition, Long> all(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (!request.isEmpty()) {
            AdminFutures.await(admin.listOffsets(request).all()).forEach((tp, info) -> offsets.put(tp, info.offset()));
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> list(Admin admin, Collection<TopicPartition> partitions,
                                                  OffsetSpec spec) throws InterruptedException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        ListOffsetsResult result = admin.listOffsets(request);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AdminFutures.TIMEOUT_MS);
        for (TopicPartition tp : request.keySet()) {
            try {
                long offset = result.partitionResult(tp)
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).offset();
                offsets.put(tp, offset);
            } catch (ExecutionException | TimeoutException e) {
                // no offset for this partition: its lag is unknown
            }
        }
        return offsets;
    }

    static boolean isUnknown(Long offset) {
        return offset == null || offset == ListOffsetsResponse.UNKNOWN_OFFSET;
    }
}
