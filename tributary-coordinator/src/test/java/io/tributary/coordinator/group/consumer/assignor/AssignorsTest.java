package io.tributary.coordinator.group.consumer.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class AssignorsTest {

    private static final Uuid A = Uuid.randomUuid();
    private static final Uuid B = Uuid.randomUuid();
    private static final TopicPartitionCounts COUNTS = topic -> topic.equals(A) ? 6 : topic.equals(B) ? 3 : 0;

    @Test
    void uniformSpreadsEvenlyAndAssignsEveryPartitionOnce() {
        // given three members subscribed to both topics
        GroupSpec group = new GroupSpec(Map.of(
                "m1", member(Set.of(A, B), Map.of()),
                "m2", member(Set.of(A, B), Map.of()),
                "m3", member(Set.of(A, B), Map.of())));

        // when
        GroupAssignment assignment = new UniformAssignor().assign(group, COUNTS);

        // then
        assertThat(assignment.members().values()).allSatisfy(m -> assertThat(count(m)).isEqualTo(3));
        assertThat(allAssigned(assignment)).hasSize(9);
    }

    @Test
    void uniformIsStickyWhenAMemberJoins() {
        // given m1 and m2 share topic A
        GroupSpec before = new GroupSpec(Map.of(
                "m1", member(Set.of(A), Map.of(A, Set.of(0, 1, 2))),
                "m2", member(Set.of(A), Map.of(A, Set.of(3, 4, 5)))));
        GroupSpec after = new GroupSpec(Map.of(
                "m1", member(Set.of(A), Map.of(A, Set.of(0, 1, 2))),
                "m2", member(Set.of(A), Map.of(A, Set.of(3, 4, 5))),
                "m3", member(Set.of(A), Map.of())));

        // when
        GroupAssignment first = new UniformAssignor().assign(before, COUNTS);
        GroupAssignment second = new UniformAssignor().assign(after, COUNTS);

        // then each old member keeps two of its three partitions, the new one gets the rest
        assertThat(first.members().get("m1").get(A)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(second.members().get("m1").get(A)).hasSize(2).isSubsetOf(0, 1, 2);
        assertThat(second.members().get("m2").get(A)).hasSize(2).isSubsetOf(3, 4, 5);
        assertThat(second.members().get("m3").get(A)).hasSize(2);
    }

    @Test
    void uniformOnlyGivesMembersTopicsTheySubscribeTo() {
        // given
        GroupSpec group = new GroupSpec(Map.of(
                "m1", member(Set.of(A), Map.of()),
                "m2", member(Set.of(B), Map.of(A, Set.of(0)))));

        // when
        GroupAssignment assignment = new UniformAssignor().assign(group, COUNTS);

        // then
        assertThat(assignment.members().get("m1")).containsOnlyKeys(A);
        assertThat(assignment.members().get("m1").get(A)).hasSize(6);
        assertThat(assignment.members().get("m2")).containsOnlyKeys(B);
    }

    @Test
    void rangeGivesContiguousRangesPerTopic() {
        // given
        GroupSpec group = new GroupSpec(Map.of(
                "m1", member(Set.of(A, B), Map.of()),
                "m2", member(Set.of(A, B), Map.of())));

        // when
        GroupAssignment assignment = new RangeAssignor().assign(group, COUNTS);

        // then
        assertThat(assignment.members().get("m1").get(A)).containsExactly(0, 1, 2);
        assertThat(assignment.members().get("m2").get(A)).containsExactly(3, 4, 5);
        assertThat(assignment.members().get("m1").get(B)).containsExactly(0, 1);
        assertThat(assignment.members().get("m2").get(B)).containsExactly(2);
    }

    private static MemberSubscription member(Set<Uuid> topics, Map<Uuid, Set<Integer>> owned) {
        return new MemberSubscription(topics, owned);
    }

    private static int count(Map<Uuid, Set<Integer>> assignment) {
        return assignment.values().stream().mapToInt(Set::size).sum();
    }

    private static Set<String> allAssigned(GroupAssignment assignment) {
        Set<String> all = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        assignment.members().values().forEach(m -> m.forEach((topic, partitions) -> partitions.forEach(p -> {
            all.add(topic + "-" + p);
            seen.merge(topic + "-" + p, 1, Integer::sum);
        })));
        assertThat(seen.values()).allMatch(n -> n == 1);
        return all;
    }
}
