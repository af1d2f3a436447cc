package io.tributary.console.groups;

import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.HttpError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /groups/{group}}: the group's members and their assignment, and per partition the committed offset
 * (for a share group: the share-partition start offset), the log end offset and the lag. Partitions assigned but
 * never committed are shown too, without an offset, as kafka-consumer-groups --describe does.
 */
final class GroupDetails {

    private GroupDetails() {
    }

    /** The group's listing (its type); 404 GROUP_ID_NOT_FOUND when the user sees no such group. */
    static GroupListing listing(Admin admin, String groupId) throws ExecutionException, InterruptedException {
        return AdminFutures.await(admin.listGroups().all()).stream()
                .filter(l -> l.groupId().equals(groupId)).findFirst()
                .orElseThrow(() -> new HttpError(404, "No group " + groupId, "GROUP_ID_NOT_FOUND"));
    }

    static Map<String, Object> describe(Admin admin, String groupId) throws ExecutionException,
            InterruptedException {
        GroupListing listing = listing(admin, groupId);
        GroupKind kind = GroupKind.of(listing);
        GroupDescriptions descriptions = GroupDescriptions.start(admin, List.of(listing));
        GroupOffsets offsets = GroupOffsets.start(admin, Map.of(groupId, kind));
        GroupView view = descriptions.view(groupId);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupId", groupId);
        out.put("type", view.type());
        out.put("state", view.state());
        out.put("protocolType", view.protocolType());
        out.put("assignor", view.assignor());
        out.put("coordinator", view.coordinator());
        out.put("members", view.members() == null ? List.of() : view.members());
        out.put("offsets", kind == GroupKind.SHARE ? shareOffsets(admin, offsets.share(groupId))
                : committedOffsets(admin, offsets.committed(groupId), view));
        return out;
    }

    private static List<Map<String, Object>> committedOffsets(Admin admin,
                                                              Map<TopicPartition, OffsetAndMetadata> committed,
                                                              GroupView view) throws InterruptedException {
        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        if (view.members() != null) {
            view.members().forEach(m -> m.assignment().forEach(p ->
                    partitions.add(new TopicPartition(p.topic(), p.partition()))));
        }
        Map<TopicPartition, Long> ends = LogOffsets.latest(admin, partitions);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TopicPartition tp : sorted(partitions)) {
            OffsetAndMetadata offset = committed.get(tp);
            Long end = LogOffsets.isUnknown(ends.get(tp)) ? null : ends.get(tp);
            Map<String, Object> row = row(tp, offset == null ? null : offset.offset(), end);
            row.put("lag", offset == null || end == null ? null : Math.max(0, end - offset.offset()));
            row.put("metadata", offset == null || offset.metadata().isEmpty() ? null : offset.metadata());
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> shareOffsets(Admin admin,
                                                          Map<TopicPartition, SharePartitionOffsetInfo> starts)
            throws InterruptedException {
        Map<TopicPartition, Long> ends = LogOffsets.latest(admin, starts.keySet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TopicPartition tp : sorted(starts.keySet())) {
            SharePartitionOffsetInfo info = starts.get(tp);
            Long end = LogOffsets.isUnknown(ends.get(tp)) ? null : ends.get(tp);
            // a start offset of -1: the share partition has not been read yet
            Map<String, Object> row = row(tp, info.startOffset() < 0 ? null : info.startOffset(), end);
            row.put("lag", info.lag().orElse(null));
            row.put("metadata", null);
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> row(TopicPartition tp, Long committed, Long end) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic", tp.topic());
        row.put("partition", tp.partition());
        row.put("committed", committed);
        row.put("endOffset", end);
        return row;
    }

    static List<TopicPartition> sorted(Set<TopicPartition> partitions) {
        return partitions.stream().sorted(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition)).toList();
    }
}
