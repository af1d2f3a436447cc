package io.tributary.console.groups;

import io.tributary.console.http.AdminFutures;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of many groups in one Admin call per kind: committed offsets (OffsetFetch, batched by coordinator)
 * for classic and consumer groups, share-partition start offsets and lag (DescribeShareGroupOffsets) for share
 * groups.
 */
final class GroupOffsets {

    private final Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> committed = new HashMap<>();
    private final Map<String, KafkaFuture<Map<TopicPartition, SharePartitionOffsetInfo>>> share = new HashMap<>();

    private GroupOffsets() {
    }

    /** Sends the calls for these groups (id and kind); nothing is awaited yet. */
    static GroupOffsets start(Admin admin, Map<String, GroupKind> groups) {
        GroupOffsets offsets = new GroupOffsets();
        Map<String, ListConsumerGroupOffsetsSpec> consumerSpecs = new HashMap<>();
        Map<String, ListShareGroupOffsetsSpec> shareSpecs = new HashMap<>();
        groups.forEach((groupId, kind) -> {
            if (kind.commitsOffsets()) {
                consumerSpecs.put(groupId, new ListConsumerGroupOffsetsSpec());
            } else if (kind == GroupKind.SHARE) {
                shareSpecs.put(groupId, new ListShareGroupOffsetsSpec());
            }
        });
        if (!consumerSpecs.isEmpty()) {
            var result = admin.listConsumerGroupOffsets(consumerSpecs);
            consumerSpecs.keySet().forEach(g -> offsets.committed.put(g, result.partitionsToOffsetAndMetadata(g)));
        }
        if (!shareSpecs.isEmpty()) {
            var result = admin.listShareGroupOffsets(shareSpecs);
            shareSpecs.keySet().forEach(g -> offsets.share.put(g, result.partitionsToOffsetInfo(g)));
        }
        return offsets;
    }

    /** A group's committed offsets (partitions without one left out); empty for a share group. */
    Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws ExecutionException, InterruptedException {
        var future = committed.get(groupId);
        return future == null ? Map.of() : withoutNulls(AdminFutures.await(future));
    }

    /** As {@link #committed}, null when the call failed (the list page shows the lag as unknown). */
    Map<TopicPartition, OffsetAndMetadata> committedOrNull(String groupId) throws InterruptedException {
        var future = committed.get(groupId);
        if (future == null) {
            return null;
        }
        var offsets = AdminFutures.awaitOrNull(future);
        return offsets == null ? null : withoutNulls(offsets);
    }

    Map<TopicPartition, SharePartitionOffsetInfo> share(String groupId) throws ExecutionException,
            InterruptedException {
        var future = share.get(groupId);
        return future == null ? Map.of() : withoutNulls(AdminFutures.await(future));
    }

    Map<TopicPartition, SharePartitionOffsetInfo> shareOrNull(String groupId) throws InterruptedException {
        var future = share.get(groupId);
        if (future == null) {
            return null;
        }
        var offsets = AdminFutures.awaitOrNull(future);
        return offsets == null ? null : withoutNulls(offsets);
    }

    /** The partitions of all these groups' committed offsets, for one ListOffsets call. */
    static List<TopicPartition> partitions(Collection<Map<TopicPartition, OffsetAndMetadata>> offsets) {
        return offsets.stream().filter(m -> m != null).flatMap(m -> m.keySet().stream()).distinct().toList();
    }

    private static <V> Map<TopicPartition, V> withoutNulls(Map<TopicPartition, V> offsets) {
        Map<TopicPartition, V> out = new HashMap<>();
        offsets.forEach((tp, v) -> {
            if (v != null) {
                out.put(tp, v);
            }
        });
        return out;
    }
}
