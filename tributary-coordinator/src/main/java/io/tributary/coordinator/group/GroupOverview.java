package io.tributary.coordinator.group;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A group as monitoring sees it: its kind and state, how many members it has and the offsets it committed, read
 * from the coordinator's memory (no log read).
 *
 * @param type      "classic", "consumer" or "simple" (offsets only, no group membership)
 * @param state     as ListGroups spells it ("Stable", "Empty", ...); "Empty" for a simple group
 * @param committed committed offset per partition
 */
public record GroupOverview(String groupId, String type, String state, int members,
                            Map<TopicPartition, Long> committed) {
}
