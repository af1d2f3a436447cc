package io.tributary.broker.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.record.BrokerStateRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;

/** The simulation's checks catch what they are meant to: each broken rule, committed, is reported. */
class InvariantsTest {

    private final Uuid topic = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
    private CommittedLog log;
    private Invariants invariants;

    @BeforeEach
    void cluster() {
        log = new CommittedLog("test");
        invariants = new Invariants();
        log.addObserver(invariants);
        for (int id = 1; id <= 3; id++) {
            log.commit(List.of(new RegisterBrokerRecord(id, List.of(), null, false)), 0);
        }
        log.commit(List.of(new TopicRecord("t", topic),
            new PartitionRecord(topic, 0, new int[] {1, 2, 3}, new int[] {1, 2, 3}, 1, 0, 0)), 0);
    }

    @Test
    void aHealthyChangeIsNoViolation() {
        log.commit(List.of(new PartitionChangeRecord(topic, 0, new int[] {2, 3}, 2)), 0);
        assertThat(invariants.violations()).isEmpty();
    }

    @Test
    void anEmptyIsrIsReported() {
        log.commit(List.of(new PartitionChangeRecord(topic, 0, new int[0], -1)), 0);
        assertThat(invariants.violations()).anyMatch(v -> v.contains("empty ISR"));
    }

    @Test
    void aSecondLeaderInTheSameEpochIsReported() {
        // The partition re-registered with another leader but the old epoch.
        log.commit(List.of(new PartitionRecord(topic, 0, new int[] {1, 2, 3}, new int[] {1, 2, 3}, 2, 0, 1)), 0);
        assertThat(invariants.violations()).anyMatch(v -> v.contains("two leaders (1, 2) in leader epoch 0"));
    }

    @Test
    void aLeaderlessPartitionWithAnActiveIsrMemberIsReported() {
        log.commit(List.of(new PartitionChangeRecord(topic, 0, new int[] {2, 3}, -1)), 0);
        assertThat(invariants.violations()).anyMatch(v -> v.contains("leaderless while ISR member 2 is active"));
    }

    @Test
    void aFencedLeaderIsReportedByTheWholeImageCheck() {
        log.commit(List.of(new BrokerStateRecord(1, 0, true, false)), 0);
        invariants.checkWholeImage("checkpoint", log.latest());
        assertThat(invariants.violations()).anyMatch(v -> v.contains("leader 1 is not an active broker"));
    }

    @Test
    void anImageThatDiffersFromTheCommittedLogIsReported() {
        var before = log.latest();
        log.commit(List.of(new PartitionChangeRecord(topic, 0, new int[] {1, 2}, PartitionChangeRecord.LEADER_UNCHANGED)),
            0);
        invariants.checkSameAsCommitted("broker 9", before, log.latest());
        assertThat(invariants.violations()).anyMatch(v -> v.startsWith("broker 9: image at offset"));
    }
}
