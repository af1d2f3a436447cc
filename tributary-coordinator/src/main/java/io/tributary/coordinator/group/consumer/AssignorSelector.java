package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.consumer.assignor.PartitionAssignor;
import io.tributary.coordinator.group.consumer.assignor.RangeAssignor;
import io.tributary.coordinator.group.consumer.assignor.UniformAssignor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.UnsupportedAssignorException;

/** The server-side assignors of group.consumer.assignors, and which one a group uses. */
final class AssignorSelector {

    private final Map<String, PartitionAssignor> assignors = new LinkedHashMap<>();

    AssignorSelector(List<String> configured) {
        for (String name : configured) {
            PartitionAssignor assignor = switch (name) {
                case UniformAssignor.NAME -> new UniformAssignor();
                case RangeAssignor.NAME -> new RangeAssignor();
                default -> throw new IllegalArgumentException("Unknown group.consumer.assignors entry " + name);
            };
            assignors.put(name, assignor);
        }
        if (assignors.isEmpty()) {
            throw new IllegalArgumentException("group.consumer.assignors must name at least one assignor");
        }
    }

    void validate(String serverAssignor) {
        if (serverAssignor != null && !assignors.containsKey(serverAssignor)) {
            throw new UnsupportedAssignorException("Assignor " + serverAssignor + " is not supported; use one of "
                    + assignors.keySet());
        }
    }

    /** The assignor most members asked for (ties: the first asked), else the first configured. */
    PartitionAssignor preferred(Collection<ConsumerGroupMember> members) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ConsumerGroupMember member : members) {
            if (member.serverAssignor() != null && assignors.containsKey(member.serverAssignor())) {
                votes.merge(member.serverAssignor(), 1, Integer::sum);
            }
        }
        String chosen = votes.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                .map(Map.Entry::getKey).orElse(assignors.keySet().iterator().next());
        return assignors.get(chosen);
    }
}
