package io.tributary.coordinator.share.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/** The simple share assignor: balanced, every partition and member used, sticky across membership changes. */
class SimpleAssignorTest {

    private static final Uuid TOPIC = Uuid.randomUuid();

    @Test
    void fewerMembersThanPartitionsShareThemEvenly() {
        Map<String, Map<Uuid, List<Integer>>> result = assign(List.of("a", "b", "c", "d"), 6, Map.of());
        assertThat(result.values().stream().mapToInt(m -> m.get(TOPIC).size())).containsOnly(1, 2);
        assertThat(allPartitions(result)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void moreMembersThanPartitionsEachGetOneAndEveryPartitionIsConsumed() {
        List<String> members = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        Map<String, Map<Uuid, List<Integer>>> result = assign(members, 6, Map.of());
        assertThat(result).hasSize(10);
        assertThat(result.values()).allSatisfy(m -> assertThat(m.get(TOPIC)).hasSize(1));
        assertThat(allPartitions(result)).containsOnly(0, 1, 2, 3, 4, 5).hasSize(10);
        Map<Integer, Integer> perPartition = new HashMap<>();
        allPartitions(result).forEach(p -> perPartition.merge(p, 1, Integer::sum));
        assertThat(perPartition.values()).containsOnly(1, 2);
    }

    @Test
    void aJoiningMemberTakesOnlyWhatTheBalanceNeeds() {
        Map<String, Map<Uuid, List<Integer>>> three = assign(List.of("a", "b", "c"), 6, Map.of());
        Map<String, Map<Uuid, List<Integer>>> four = assign(List.of("a", "b", "c", "d"), 6, three);
        int moved = 0;
        for (String member : List.of("a", "b", "c")) {
            List<Integer> kept = new ArrayList<>(three.get(member).get(TOPIC));
            kept.retainAll(four.get(member).get(TOPIC));
            moved += three.get(member).get(TOPIC).size() - kept.size();
        }
        assertThat(moved).isEqualTo(four.get("d").get(TOPIC).size()).isLessThanOrEqualTo(2);

        Map<String, Map<Uuid, List<Integer>>> seven = assign(List.of("a", "b", "c", "d", "e", "f", "g"), 6, four);
        for (String member : List.of("a", "b", "c", "d")) {
            assertThat(four.get(member).get(TOPIC)).contains(seven.get(member).get(TOPIC).get(0));
        }
    }

    private static Map<String, Map<Uuid, List<Integer>>> assign(List<String> members, int partitions,
                                                                Map<String, Map<Uuid, List<Integer>>> previous) {
        return SimpleAssignor.assign(Map.of(TOPIC, members), Map.of(TOPIC, partitions), previous);
    }

    private static List<Integer> allPartitions(Map<String, Map<Uuid, List<Integer>>> result) {
        List<Integer> all = new ArrayList<>();
        result.values().forEach(m -> all.addAll(m.get(TOPIC)));
        return all;
    }
}
