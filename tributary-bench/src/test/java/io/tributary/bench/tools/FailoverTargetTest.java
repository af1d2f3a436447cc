package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tributary.bench.tools.FailoverTarget.PartitionState;

class FailoverTargetTest {

    @Test
    void picksTheFirstFullyInSyncPartitionLedByAKillableNodeThatIsNotTheQuorumLeader() {
        // given: partition 0 is led by the quorum leader, 1 is under-replicated, 2 qualifies, 3 too but comes later
        List<PartitionState> partitions = List.of(new PartitionState(3, 2, 3, 3), new PartitionState(0, 1, 3, 3),
            new PartitionState(1, 3, 3, 2), new PartitionState(2, 3, 3, 3));

        // then
        assertThat(FailoverTarget.choose(partitions, Set.of(1, 2, 3), 1)).contains(new FailoverTarget(2, 3));
    }

    @Test
    void neverPicksALeaderOutsideTheKillableNodesOrAPartitionWithoutLeader() {
        // given: separate roles, brokers 4-6 killable; a leaderless partition and one led by a node not given
        List<PartitionState> partitions = List.of(new PartitionState(0, -1, 3, 0), new PartitionState(1, 7, 3, 3));

        // then
        assertThat(FailoverTarget.choose(partitions, Set.of(4, 5, 6), -1)).isEmpty();
        assertThat(FailoverTarget.choose(List.of(new PartitionState(0, 5, 3, 3)), Set.of(4, 5, 6), 1))
            .contains(new FailoverTarget(0, 5));
    }
}
