package io.tributary.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.image.BrokerRegistration;

class RackStripesTest {

    @Test
    void laysBrokersOutRackAlternated() {
        // given racks a: 1, 3, 5; b: 2, 4; c: 6
        RackStripes stripes = new RackStripes(brokers(Map.of(1, "a", 2, "b", 3, "a", 4, "b", 5, "a", 6, "c")));

        // then the first broker of every rack, then the second of every rack, ...
        assertThat(stripes.layout()).containsExactly(1, 2, 6, 3, 4, 5);
    }

    @Test
    void everyPartitionSpansBothRacksAndLeadershipIsEven() {
        // given two racks of two brokers
        RackStripes stripes = new RackStripes(brokers(Map.of(1, "a", 2, "b", 3, "a", 4, "b")));
        Map<Integer, Integer> leaders = new HashMap<>();
        Map<Integer, Integer> replicas = new HashMap<>();

        for (int p = 0; p < 40; p++) {
            // when
            int[] placed = stripes.place(p, 2);

            // then one replica in each rack
            assertThat(Set.of(rack(placed[0]), rack(placed[1]))).containsExactlyInAnyOrder("a", "b");
            leaders.merge(placed[0], 1, Integer::sum);
            for (int id : placed) {
                replicas.merge(id, 1, Integer::sum);
            }
        }
        assertThat(leaders).containsOnlyKeys(1, 2, 3, 4).allSatisfy((id, count) -> assertThat(count).isEqualTo(10));
        assertThat(replicas).allSatisfy((id, count) -> assertThat(count).isEqualTo(20));
    }

    @Test
    void followersVaryFromRoundToRound() {
        // given
        RackStripes stripes = new RackStripes(brokers(Map.of(1, "a", 2, "b", 3, "a", 4, "b")));
        Set<List<Integer>> pairs = new HashSet<>();

        // when the same broker leads partitions 0, 4, 8, ...
        for (int p = 0; p < 16; p += 4) {
            pairs.add(List.of(stripes.place(p, 2)[0], stripes.place(p, 2)[1]));
        }

        // then it does not always have the same follower
        assertThat(pairs).extracting(pair -> pair.get(0)).containsOnly(1);
        assertThat(pairs.size()).isGreaterThan(1);
    }

    @Test
    void moreReplicasThanRacksUseEveryRackFirstAndNoBrokerTwice() {
        // given racks a: 1, 3; b: 2, 4
        RackStripes stripes = new RackStripes(brokers(Map.of(1, "a", 2, "b", 3, "a", 4, "b")));

        for (int p = 0; p < 12; p++) {
            // when
            int[] placed = stripes.place(p, 3);

            // then
            assertThat(Set.of(placed[0], placed[1], placed[2])).hasSize(3);
            assertThat(rack(placed[0])).isNotEqualTo(rack(placed[1]));
        }
        assertThat(stripes.place(0, 4)).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void withoutRacksPlacementIsRoundRobin() {
        // given no broker has a rack
        Map<Integer, String> none = new HashMap<>();
        for (int id = 1; id <= 3; id++) {
            none.put(id, null);
        }
        RackStripes stripes = new RackStripes(brokers(none));

        // then the first round is 1 2 3 / 2 3 1 / 3 1 2, as before racks existed
        assertThat(stripes.place(0, 3)).containsExactly(1, 2, 3);
        assertThat(stripes.place(1, 3)).containsExactly(2, 3, 1);
        assertThat(stripes.place(2, 3)).containsExactly(3, 1, 2);
        assertThat(stripes.place(3, 1)).containsExactly(1);
    }

    @Test
    void brokersWithoutARackAreOneRackOfTheirOwn() {
        // given 1 and 2 in rack a, 3 and 4 without a rack: placement is not refused (KRaft), and spans both groups
        Map<Integer, String> mixed = new HashMap<>(Map.of(1, "a", 2, "a"));
        mixed.put(3, null);
        mixed.put(4, null);
        RackStripes stripes = new RackStripes(brokers(mixed));

        for (int p = 0; p < 8; p++) {
            // when
            int[] placed = stripes.place(p, 2);

            // then
            assertThat(isInRackA(placed[0])).isNotEqualTo(isInRackA(placed[1]));
        }
    }

    private static boolean isInRackA(int id) {
        return id <= 2;
    }

    private static String rack(int id) {
        return id % 2 == 1 ? "a" : "b";
    }

    private static List<BrokerRegistration> brokers(Map<Integer, String> racks) {
        List<BrokerRegistration> brokers = new ArrayList<>();
        racks.forEach((id, rack) -> brokers.add(new BrokerRegistration(id, List.of(new BrokerRegistration.Listener(
            "PLAINTEXT", "localhost", 9090 + id, SecurityProtocol.PLAINTEXT)), rack, false)));
        return brokers;
    }
}
