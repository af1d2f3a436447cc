package io.tributary.coordinator.transaction;

import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/** DescribeTransactions and ListTransactions over one shard (what {@code kafka-transactions} shows). */
final class TransactionAdmin {

    /** ListTransactions filters: null states, an empty producer id set, a negative duration, a null pattern: any. */
    record ListFilter(Set<TransactionState> states, Set<Long> producerIds, long minDurationMs, Pattern idPattern) {
    }

    private final TransactionStore transactions;
    private final Time time;

    TransactionAdmin(TransactionStore transactions, Time time) {
        this.transactions = transactions;
        this.time = time;
    }

    DescribeTransactionsResponseData.TransactionState describe(String transactionalId) {
        TransactionMetadata metadata = transactions.get(transactionalId);
        if (metadata == null) {
            return describeError(transactionalId, Errors.TRANSACTIONAL_ID_NOT_FOUND);
        }
        DescribeTransactionsResponseData.TransactionState described =
                new DescribeTransactionsResponseData.TransactionState()
                        .setTransactionalId(transactionalId)
                        .setErrorCode(Errors.NONE.code())
                        .setTransactionState(metadata.state().displayName())
                        .setTransactionTimeoutMs(metadata.timeoutMs())
                        .setTransactionStartTimeMs(metadata.startTimestamp())
                        .setProducerId(metadata.producerId())
                        .setProducerEpoch(metadata.producerEpoch());
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition partition : metadata.partitions()) {
            byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(partition.partition());
        }
        byTopic.forEach((topic, partitions) -> {
            partitions.sort(null);
            described.topics().add(new DescribeTransactionsResponseData.TopicData().setTopic(topic)
                    .setPartitions(partitions));
        });
        return described;
    }

    static DescribeTransactionsResponseData.TransactionState describeError(String transactionalId, Errors error) {
        return new DescribeTransactionsResponseData.TransactionState().setTransactionalId(transactionalId)
                .setErrorCode(error.code()).setTransactionState("").setProducerId(-1L).setProducerEpoch((short) -1)
                .setTransactionStartTimeMs(-1L).setTransactionTimeoutMs(-1);
    }

    List<ListTransactionsResponseData.TransactionState> list(ListFilter filter) {
        long now = time.milliseconds();
        List<ListTransactionsResponseData.TransactionState> listed = new ArrayList<>();
        transactions.all().forEach((transactionalId, metadata) -> {
            if (matches(filter, transactionalId, metadata, now)) {
                listed.add(new ListTransactionsResponseData.TransactionState().setTransactionalId(transactionalId)
                        .setProducerId(metadata.producerId()).setTransactionState(metadata.state().displayName()));
            }
        });
        return listed;
    }

    private static boolean matches(ListFilter filter, String transactionalId, TransactionMetadata metadata,
                                   long now) {
        if (filter.states() != null && !filter.states().contains(metadata.state())) {
            return false;
        }
        if (!filter.producerIds().isEmpty() && !filter.producerIds().contains(metadata.producerId())) {
            return false;
        }
        // The duration filter selects transactions running longer than it: only ongoing ones have a duration.
        if (filter.minDurationMs() >= 0 && (metadata.state() != TransactionState.ONGOING
                || now - metadata.startTimestamp() < filter.minDurationMs())) {
            return false;
        }
        return filter.idPattern() == null || filter.idPattern().matcher(transactionalId).matches();
    }
}
