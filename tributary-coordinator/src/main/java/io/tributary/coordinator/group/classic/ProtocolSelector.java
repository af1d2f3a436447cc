package io.tributary.coordinator.group.classic;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Picks a group's protocol the way Kafka does: among those every member supports, the most preferred. */
final class ProtocolSelector {

    private ProtocolSelector() {
    }

    /** The protocols every member supports (all of the first member's when there is one member). */
    static Set<String> candidates(Collection<ClassicGroupMember> members) {
        Set<String> common = null;
        for (ClassicGroupMember member : members) {
            Set<String> names = new HashSet<>();
            member.protocols().forEach(p -> names.add(p.name()));
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        return common == null ? Set.of() : common;
    }

    /** Each member votes for its first preference among the candidates; most votes wins, ties by first seen. */
    static String select(Collection<ClassicGroupMember> members) {
        Set<String> candidates = candidates(members);
        if (candidates.isEmpty()) {
            throw new IllegalStateException("No protocol is supported by every member");
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ClassicGroupMember member : members) {
            preferred(member.protocols(), candidates).ifPresent(name -> votes.merge(name, 1, Integer::sum));
        }
        return votes.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                .orElseThrow().getKey();
    }

    private static java.util.Optional<String> preferred(List<ClassicGroupMember.Protocol> protocols,
                                                        Set<String> candidates) {
        return protocols.stream().map(ClassicGroupMember.Protocol::name).filter(candidates::contains).findFirst();
    }
}
