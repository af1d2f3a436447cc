package io.tributary.console.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.HttpError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code POST /groups/{group}/reset-offsets}, with kafka-consumer-groups --reset-offsets' rules: the partitions are
 * the named topic's (all, or the listed ones) or else the group's committed ones; the target is the log start
 * offset (earliest), the log end offset (latest), the first offset at or after a timestamp (the end offset when
 * every record is older) or a given offset clamped to [start, end]. A dry run only returns the plan; executing it
 * needs a group without members (state Empty or Dead), as the tool refuses an active group.
 */
final class OffsetReset {

    private enum Strategy { EARLIEST, LATEST, TIMESTAMP, OFFSET }

    private OffsetReset() {
    }

    static Map<String, Object> reset(Admin admin, String groupId, JsonNode body, boolean readOnly)
            throws ExecutionException, InterruptedException {
        Strategy strategy = strategy(body);
        boolean dryRun = body.path("dryRun").asBoolean(true);
        if (!dryRun && readOnly) {
            throw new HttpError(403, "The console is read-only (tributary.console.read.only=true)", "READ_ONLY");
        }
        GroupListing listing = GroupDetails.listing(admin, groupId);
        GroupKind kind = GroupKind.of(listing);
        if (!kind.commitsOffsets() && kind != GroupKind.SHARE) {
            throw HttpError.badRequest("Offsets of a " + kind.label + " group cannot be reset here");
        }
        GroupOffsets offsets = GroupOffsets.start(admin, Map.of(groupId, kind));
        Map<TopicPartition, Long> current = new HashMap<>();
        if (kind == GroupKind.SHARE) {
            offsets.share(groupId).forEach((tp, info) -> current.put(tp, info.startOffset() < 0 ? null
                    : info.startOffset()));
        } else {
            offsets.committed(groupId).forEach((tp, offset) -> current.put(tp, offset.offset()));
        }
        Set<TopicPartition> partitions = partitions(admin, body, current.keySet());
        Map<TopicPartition, Long> targets = targets(admin, strategy, body, partitions);

        if (!dryRun) {
            GroupView view = GroupDescriptions.start(admin, List.of(listing)).view(groupId);
            if (!view.isEmptyOrDead()) {
                throw new HttpError(409, "Assignments can only be reset if the group '" + groupId
                        + "' is inactive, but the current state is " + view.state() + ".", "NON_EMPTY_GROUP");
            }
            execute(admin, groupId, kind, targets);
        }
        List<Map<String, Object>> plan = new ArrayList<>();
        for (TopicPartition tp : GroupDetails.sorted(targets.keySet())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", tp.topic());
            row.put("partition", tp.partition());
            row.put("current", current.get(tp));
            row.put("target", targets.get(tp));
            plan.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("offsets", plan);
        return out;
    }

    private static Strategy strategy(JsonNode body) {
        String name = body.path("strategy").asText("");
        try {
            Strategy strategy = Strategy.valueOf(name.toUpperCase(Locale.ROOT));
            if (strategy == Strategy.TIMESTAMP && !body.path("timestamp").canConvertToLong()) {
                throw HttpError.badRequest("strategy timestamp needs a timestamp (epoch ms)");
            }
            if (strategy == Strategy.OFFSET && !body.path("offset").canConvertToLong()) {
                throw HttpError.badRequest("strategy offset needs an offset");
            }
            return strategy;
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("strategy must be earliest, latest, timestamp or offset, not '" + name + "'");
        }
    }

    /** The named topic's partitions (all of them unless listed), else the partitions the group has offsets for. */
    private static Set<TopicPartition> partitions(Admin admin, JsonNode body, Set<TopicPartition> committed)
            throws ExecutionException, InterruptedException {
        String topic = body.path("topic").asText("");
        if (topic.isEmpty()) {
            if (committed.isEmpty()) {
                throw HttpError.badRequest("The group has no offsets to reset: name a topic");
            }
            return committed;
        }
        Set<TopicPartition> partitions = new HashSet<>();
        JsonNode listed = body.path("partitions");
        if (listed.isArray() && !listed.isEmpty()) {
            listed.forEach(p -> partitions.add(new TopicPartition(topic, p.asInt())));
            return partitions;
        }
        TopicDescription description = AdminFutures.await(admin.describeTopics(List.of(topic)).topicNameValues()
                .get(topic));
        description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        return partitions;
    }

    private static Map<TopicPartition, Long> targets(Admin admin, Strategy strategy, JsonNode body,
                                                     Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        switch (strategy) {
            case EARLIEST:
                return LogOffsets.all(admin, partitions, OffsetSpec.earliest());
            case LATEST:
                return LogOffsets.all(admin, partitions, OffsetSpec.latest());
            case TIMESTAMP: {
                Map<TopicPartition, Long> found = LogOffsets.all(admin, partitions,
                        OffsetSpec.forTimestamp(body.path("timestamp").asLong()));
                Set<TopicPartition> none = new HashSet<>();
                found.forEach((tp, offset) -> {
                    if (LogOffsets.isUnknown(offset)) {
                        none.add(tp);
                    }
                });
                // no record at or after the timestamp: the tool falls back to the log end offset
                found.putAll(LogOffsets.all(admin, none, OffsetSpec.latest()));
                return found;
            }
            default: {
                long requested = body.path("offset").asLong();
                Map<TopicPartition, Long> starts = LogOffsets.all(admin, partitions, OffsetSpec.earliest());
                Map<TopicPartition, Long> ends = LogOffsets.all(admin, partitions, OffsetSpec.latest());
                Map<TopicPartition, Long> clamped = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    clamped.put(tp, Math.max(starts.get(tp), Math.min(ends.get(tp), requested)));
                }
                return clamped;
            }
        }
    }

    private static void execute(Admin admin, String groupId, GroupKind kind, Map<TopicPartition, Long> targets)
            throws ExecutionException, InterruptedException {
        if (kind == GroupKind.SHARE) {
            AdminFutures.await(admin.alterShareGroupOffsets(groupId, targets).all());
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        targets.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        AdminFutures.await(admin.alterConsumerGroupOffsets(groupId, offsets).all());
    }
}
