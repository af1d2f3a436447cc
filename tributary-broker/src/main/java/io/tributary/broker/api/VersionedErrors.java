package io.tributary.broker.api;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Error codes newer than the version of the request they answer, told the way Kafka tells such clients: a client
 * built before a code existed reports "unknown error code" instead of handling it (KafkaJS 2.x, older librdkafka).
 */
public final class VersionedErrors {

    /**
     * The first version of each API that knows PRODUCER_FENCED (KIP-588); earlier versions are answered
     * INVALID_PRODUCER_EPOCH, which those clients treat as the same fatal fencing.
     */
    private static final Map<ApiKeys, Short> PRODUCER_FENCED_SINCE = new EnumMap<>(Map.of(
            ApiKeys.INIT_PRODUCER_ID, (short) 4,
            ApiKeys.ADD_PARTITIONS_TO_TXN, (short) 2,
            ApiKeys.ADD_OFFSETS_TO_TXN, (short) 2,
            ApiKeys.END_TXN, (short) 2));

    /** Fetch clients before v6 may not know KAFKA_STORAGE_ERROR; NOT_LEADER_OR_FOLLOWER makes them refresh. */
    private static final short FETCH_STORAGE_ERROR_SINCE = 6;

    /** ListOffsets v5 introduced OFFSET_NOT_AVAILABLE; older clients retry LEADER_NOT_AVAILABLE instead. */
    private static final short LIST_OFFSETS_OFFSET_NOT_AVAILABLE_SINCE = 5;

    /** TxnOffsetCommit v0-1 clients retry COORDINATOR_NOT_AVAILABLE but do not know a loading coordinator. */
    private static final short TXN_OFFSET_COMMIT_LOAD_IN_PROGRESS_SINCE = 2;

    private VersionedErrors() {
    }

    /** The code to answer for error in a response to the given API at the given version. */
    public static Errors forVersion(ApiKeys api, short version, Errors error) {
        if (error == Errors.PRODUCER_FENCED) {
            Short since = PRODUCER_FENCED_SINCE.get(api);
            return since != null && version < since ? Errors.INVALID_PRODUCER_EPOCH : error;
        }
        if (error == Errors.KAFKA_STORAGE_ERROR && api == ApiKeys.FETCH && version < FETCH_STORAGE_ERROR_SINCE) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        if (error == Errors.OFFSET_NOT_AVAILABLE && api == ApiKeys.LIST_OFFSETS
                && version < LIST_OFFSETS_OFFSET_NOT_AVAILABLE_SINCE) {
            return Errors.LEADER_NOT_AVAILABLE;
        }
        if (error == Errors.COORDINATOR_LOAD_IN_PROGRESS && api == ApiKeys.TXN_OFFSET_COMMIT
                && version < TXN_OFFSET_COMMIT_LOAD_IN_PROGRESS_SINCE) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        return error;
    }

    /** The same for an error code as carried in a response message. */
    public static short forVersion(ApiKeys api, short version, short errorCode) {
        Errors error = Errors.forCode(errorCode);
        Errors answered = forVersion(api, version, error);
        return answered == error ? errorCode : answered.code();
    }
}
