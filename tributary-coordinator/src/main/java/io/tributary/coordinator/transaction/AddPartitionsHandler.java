package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * AddPartitionsToTxn and AddOffsetsToTxn: partitions join the producer's transaction (which starts, and starts
 * its timeout, with the first one). verifyOnly (from brokers, v4+) only checks that they already belong to it
 * (KIP-890 part 1); a broker's add without verifyOnly is transaction version 2's implicit add (part 2).
 */
final class AddPartitionsHandler {

    private final TransactionStore transactions;
    private final Time time;

    AddPartitionsHandler(TransactionStore transactions, Time time) {
        this.transactions = transactions;
        this.time = time;
    }

    CoordinatorResult<AddPartitionsToTxnTopicResultCollection, TransactionRecord> add(
            String transactionalId, long producerId, short producerEpoch, Iterable<AddPartitionsToTxnTopic> topics,
            boolean verifyOnly) {
        Set<TopicPartition> partitions = new HashSet<>();
        topics.forEach(topic -> topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p))));
        if (verifyOnly) {
            return CoordinatorResult.of(verify(transactionalId, producerId, producerEpoch, topics));
        }
        CoordinatorResult<Errors, TransactionRecord> added = add(transactionalId, producerId, producerEpoch,
                partitions);
        return CoordinatorResult.of(added.records(), topicResults(topics, tp -> added.response()));
    }

    /** Adds {@code partitions} to the transaction; the response is the error for all of them. */
    CoordinatorResult<Errors, TransactionRecord> add(String transactionalId, long producerId, short producerEpoch,
                                                     Set<TopicPartition> partitions) {
        TransactionMetadata current = transactions.get(transactionalId);
        Errors error = validate(current, producerId, producerEpoch);
        if (error != Errors.NONE) {
            return CoordinatorResult.of(error);
        }
        if (current.state() == TransactionState.ONGOING && current.partitions().containsAll(partitions)) {
            return CoordinatorResult.of(Errors.NONE);
        }
        TransactionMetadata next = current.withPartitions(partitions, time.milliseconds());
        return CoordinatorResult.of(List.of(new TransactionRecord(transactionalId, next)), Errors.NONE);
    }

    /** The same error for every partition of the request. */
    static AddPartitionsToTxnTopicResultCollection topicResults(Iterable<AddPartitionsToTxnTopic> topics,
                                                              Function<TopicPartition, Errors> errorOf) {
        AddPartitionsToTxnTopicResultCollection results = new AddPartitionsToTxnTopicResultCollection();
        for (AddPartitionsToTxnTopic topic : topics) {
            AddPartitionsToTxnTopicResult topicResult = new AddPartitionsToTxnTopicResult().setName(topic.name());
            for (int partition : topic.partitions()) {
                topicResult.resultsByPartition().add(new AddPartitionsToTxnPartitionResult()
                        .setPartitionIndex(partition)
                        .setPartitionErrorCode(errorOf.apply(new TopicPartition(topic.name(), partition)).code()));
            }
            results.add(topicResult);
        }
        return results;
    }

    private AddPartitionsToTxnTopicResultCollection verify(String transactionalId, long producerId,
                                                           short producerEpoch,
                                                           Iterable<AddPartitionsToTxnTopic> topics) {
        TransactionMetadata current = transactions.get(transactionalId);
        Errors error = validate(current, producerId, producerEpoch);
        return topicResults(topics, tp -> {
            if (error != Errors.NONE) {
                return error;
            }
            // As Kafka 4: the broker maps this to INVALID_TXN_STATE for producers that predate the error.
            return current.state() == TransactionState.ONGOING && current.partitions().contains(tp)
                    ? Errors.NONE : Errors.TRANSACTION_ABORTABLE;
        });
    }

    private static Errors validate(TransactionMetadata current, long producerId, short producerEpoch) {
        if (current == null || current.producerId() != producerId) {
            return Errors.INVALID_PRODUCER_ID_MAPPING;
        }
        if (current.producerEpoch() != producerEpoch) {
            return Errors.PRODUCER_FENCED;
        }
        if (current.state().isPreparing()) {
            return Errors.CONCURRENT_TRANSACTIONS;
        }
        if (current.state() == TransactionState.DEAD) {
            return Errors.INVALID_TXN_STATE;
        }
        return Errors.NONE;
    }
}
