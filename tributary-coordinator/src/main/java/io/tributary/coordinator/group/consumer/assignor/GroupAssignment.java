package io.tributary.coordinator.group.consumer.assignor;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/** The target assignment: for every member, the partitions of each topic it should own. */
public record GroupAssignment(Map<String, Map<Uuid, Set<Integer>>> members) {
}
