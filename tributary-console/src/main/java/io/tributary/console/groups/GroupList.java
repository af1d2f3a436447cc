package io.tributary.console.groups;

import io.tributary.console.http.AdminFutures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /groups}: every group the user may describe, with its type, state, members and total lag. A fixed
 * number of round trips whatever the number of groups: ListGroups; then, together, the descriptions (one call per
 * kind) and the offsets; then one ListOffsets over every partition of every group.
 */
final class GroupList {

    private GroupList() {
    }

    static Map<String, Object> list(Admin admin) throws ExecutionException, InterruptedException {
        Collection<GroupListing> listings = AdminFutures.await(admin.listGroups().all());
        Map<String, GroupKind> kinds = new LinkedHashMap<>();
        listings.stream().sorted(Comparator.comparing(GroupListing::groupId))
                .forEach(l -> kinds.put(l.groupId(), GroupKind.of(l)));
        GroupDescriptions descriptions = GroupDescriptions.start(admin, listings);
        GroupOffsets offsets = GroupOffsets.start(admin, kinds);

        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        for (String groupId : kinds.keySet()) {
            committed.put(groupId, offsets.committedOrNull(groupId));
        }
        Map<TopicPartition, Long> ends = LogOffsets.latest(admin, GroupOffsets.partitions(committed.values()));

        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map.Entry<String, GroupKind> group : kinds.entrySet()) {
            String groupId = group.getKey();
            GroupView view = descriptions.viewOrListed(groupId);
            Long lag = group.getValue() == GroupKind.SHARE ? shareLag(offsets.shareOrNull(groupId))
                    : totalLag(committed.get(groupId), ends);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("groupId", groupId);
            row.put("type", view.type());
            row.put("protocol", view.protocolType());
            row.put("protocolType", view.protocolType());
            row.put("assignor", view.assignor());
            row.put("state", view.state());
            row.put("members", view.members() == null ? null : view.members().size());
            row.put("coordinator", view.coordinator());
            row.put("lag", lag);
            groups.add(row);
        }
        return Map.of("groups", groups);
    }

    /** The sum over the committed partitions; unknown (null) without offsets or with an end offset missing. */
    static Long totalLag(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
        if (committed == null || committed.isEmpty()) {
            return null;
        }
        long total = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            Long end = ends.get(e.getKey());
            if (LogOffsets.isUnknown(end)) {
                return null;
            }
            total += Math.max(0, end - e.getValue().offset());
        }
        return total;
    }

    /** The broker's own per-partition lag of a share group (DescribeShareGroupOffsets v1), summed. */
    static Long shareLag(Map<TopicPartition, SharePartitionOffsetInfo> offsets) {
        if (offsets == null || offsets.isEmpty()) {
            return null;
        }
        long total = 0;
        for (SharePartitionOffsetInfo info : offsets.values()) {
            if (info.lag().isEmpty()) {
                return null;
            }
            total += info.lag().get();
        }
        return total;
    }
}
