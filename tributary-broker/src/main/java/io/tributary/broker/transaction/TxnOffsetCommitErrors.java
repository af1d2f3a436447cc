package io.tributary.broker.transaction;

import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/** A TxnOffsetCommit refused as a whole: the offsets partition could not join the producer's transaction. */
final class TxnOffsetCommitErrors {

    private TxnOffsetCommitErrors() {
    }

    static TxnOffsetCommitResponseData all(TxnOffsetCommitRequestData request, Errors error) {
        TxnOffsetCommitResponseData response = new TxnOffsetCommitResponseData();
        request.topics().forEach(topic -> {
            TxnOffsetCommitResponseTopic result = new TxnOffsetCommitResponseTopic().setName(topic.name());
            topic.partitions().forEach(p -> result.partitions().add(new TxnOffsetCommitResponsePartition()
                    .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code())));
            response.topics().add(result);
        });
        return response;
    }

    /** v4 added TRANSACTION_ABORTABLE (KIP-890); older clients know the same refusal as INVALID_TXN_STATE. */
    private static final int TRANSACTION_ABORTABLE_SINCE = 4;

    /**
     * The coordinator's answer to the implicit add (v5) or the verification (v0-4) as a TxnOffsetCommit client of
     * that version handles it, as Kafka: PRODUCER_FENCED stays fatal; the retriable ones (markers still being
     * written, the transaction coordinator moving or out of reach) become COORDINATOR_NOT_AVAILABLE, which the
     * client retries after looking the group coordinator up; a partition outside the transaction is
     * TRANSACTION_ABORTABLE from v4, INVALID_TXN_STATE before.
     */
    static Errors forClient(Errors addError, int apiVersion) {
        return switch (addError) {
            case CONCURRENT_TRANSACTIONS, NETWORK_EXCEPTION, COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE,
                 NOT_COORDINATOR, REQUEST_TIMED_OUT -> Errors.COORDINATOR_NOT_AVAILABLE;
            case TRANSACTION_ABORTABLE -> apiVersion >= TRANSACTION_ABORTABLE_SINCE ? Errors.TRANSACTION_ABORTABLE
                    : Errors.INVALID_TXN_STATE;
            default -> addError;
        };
    }
}
