package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.log.QuorumInfo;

class QuorumObserversTest {

    private final QuorumObservers observers = new QuorumObservers();

    @Test
    void fetchersThatAreNotVotersAreObserversWithTheirFetchOffsetAsLogEnd() {
        // given
        Uuid directory = Uuid.randomUuid();
        observers.fetched(5, directory, 40, 1_000, 3);
        observers.fetched(6, null, 41, 1_100, 3);
        observers.fetched(4, Uuid.randomUuid(), 42, 1_200, 3);
        observers.fetched(5, directory, 45, 1_300, 3);

        // when
        var described = observers.describe(Set.of(1, 2, 3, 4), 2_000, 3);

        // then
        assertThat(described).extracting(QuorumInfo.Voter::nodeId).containsExactly(5, 6);
        assertThat(described.get(0)).satisfies(o -> {
            assertThat(o.directoryId()).isEqualTo(directory);
            assertThat(o.logEndOffset()).isEqualTo(45);
            assertThat(o.lastFetchTimestamp()).isEqualTo(1_300);
        });
        assertThat(described.get(1).directoryId()).isEqualTo(Uuid.ZERO_UUID);
    }

    @Test
    void silentObserversExpireAndANewLeaderEpochStartsWithNone() {
        // given
        observers.fetched(5, Uuid.ZERO_UUID, 1, 0, 3);
        observers.fetched(6, Uuid.ZERO_UUID, 1, QuorumObservers.EXPIRY_MS, 3);

        // when
        var afterExpiry = observers.describe(Set.of(), QuorumObservers.EXPIRY_MS + 1, 3);
        var nextEpoch = observers.describe(Set.of(), QuorumObservers.EXPIRY_MS + 2, 4);

        // then
        assertThat(afterExpiry).extracting(QuorumInfo.Voter::nodeId).containsExactly(6);
        assertThat(nextEpoch).isEmpty();
    }
}
