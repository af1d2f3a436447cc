package io.tributary.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class VersionedErrorsTest {

    @Test
    void producerFencedIsInvalidProducerEpochToVersionsBeforeKip588() {
        assertThat(VersionedErrors.forVersion(ApiKeys.INIT_PRODUCER_ID, (short) 3, Errors.PRODUCER_FENCED))
                .isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(VersionedErrors.forVersion(ApiKeys.INIT_PRODUCER_ID, (short) 4, Errors.PRODUCER_FENCED))
                .isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(VersionedErrors.forVersion(ApiKeys.END_TXN, (short) 1, Errors.PRODUCER_FENCED))
                .isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(VersionedErrors.forVersion(ApiKeys.END_TXN, (short) 2, Errors.PRODUCER_FENCED))
                .isEqualTo(Errors.PRODUCER_FENCED);
    }

    @Test
    void offsetNotAvailableIsLeaderNotAvailableBeforeListOffsetsV5() {
        assertThat(VersionedErrors.forVersion(ApiKeys.LIST_OFFSETS, (short) 4, Errors.OFFSET_NOT_AVAILABLE))
                .isEqualTo(Errors.LEADER_NOT_AVAILABLE);
        assertThat(VersionedErrors.forVersion(ApiKeys.LIST_OFFSETS, (short) 5, Errors.OFFSET_NOT_AVAILABLE))
                .isEqualTo(Errors.OFFSET_NOT_AVAILABLE);
    }

    @Test
    void storageErrorIsNotLeaderOrFollowerToFetchBeforeV6() {
        assertThat(VersionedErrors.forVersion(ApiKeys.FETCH, (short) 5, Errors.KAFKA_STORAGE_ERROR))
                .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(VersionedErrors.forVersion(ApiKeys.FETCH, (short) 6, Errors.KAFKA_STORAGE_ERROR))
                .isEqualTo(Errors.KAFKA_STORAGE_ERROR);
    }

    @Test
    void loadingCoordinatorIsNotAvailableToTxnOffsetCommitV0And1() {
        assertThat(VersionedErrors.forVersion(ApiKeys.TXN_OFFSET_COMMIT, (short) 1, Errors.COORDINATOR_LOAD_IN_PROGRESS))
                .isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
        assertThat(VersionedErrors.forVersion(ApiKeys.TXN_OFFSET_COMMIT, (short) 2, Errors.COORDINATOR_LOAD_IN_PROGRESS))
                .isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS);
    }

    @Test
    void unknownCodesPassThroughUnchanged() {
        assertThat(VersionedErrors.forVersion(ApiKeys.END_TXN, (short) 0, (short) 9999)).isEqualTo((short) 9999);
    }
}
