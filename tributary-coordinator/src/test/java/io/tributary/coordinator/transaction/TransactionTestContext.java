package io.tributary.coordinator.transaction;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.runtime.InMemoryCoordinatorLog;
import io.tributary.coordinator.runtime.ManualEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.MockTime;

/** A transaction coordinator on a manual clock and event thread, with in-memory logs and a fake marker writer. */
final class TransactionTestContext {

    static final int TIMEOUT_MS = 60_000;
    static final long EXPIRATION_MS = 24 * 3600 * 1000L;

    static final long START_MS = 1_700_000_000_000L;
    final MockTime time = new MockTime(0, START_MS, START_MS * 1_000_000L);
    final ManualEventExecutor executor = new ManualEventExecutor(time);
    final List<InMemoryCoordinatorLog> logs = new ArrayList<>();
    final AtomicLong nextProducerId = new AtomicLong(1000);
    final TransactionCoordinatorConfig config = new TransactionCoordinatorConfig(3, 300_000, 10_000, EXPIRATION_MS, 5);
    FakeMarkerWriter markers = new FakeMarkerWriter();
    TransactionCoordinatorService service;

    TransactionTestContext() {
        for (int partition = 0; partition < config.transactionStatePartitions(); partition++) {
            logs.add(new InMemoryCoordinatorLog());
        }
        start();
    }

    void start() {
        service = new TransactionCoordinatorService(config, nextProducerId::getAndIncrement, markers, time, executor);
        for (int partition = 0; partition < logs.size(); partition++) {
            service.onElection(partition, logs.get(partition));
        }
    }

    /** A new coordinator (with a new marker writer) rebuilding its state from the logs. */
    void restart(FakeMarkerWriter newMarkers) {
        service.close();
        markers = newMarkers;
        start();
    }

    void advance(long ms) {
        executor.advance(ms);
    }

    static CoordinatorRequestContext context(int version) {
        return new CoordinatorRequestContext((short) version, "client", null);
    }

    InitProducerIdResponseData init(String transactionalId) {
        return init(transactionalId, TIMEOUT_MS);
    }

    InitProducerIdResponseData init(String transactionalId, int timeoutMs) {
        return service.initProducerId(context(5), new InitProducerIdRequestData().setTransactionalId(transactionalId)
                .setTransactionTimeoutMs(timeoutMs).setProducerId(-1L).setProducerEpoch((short) -1)).join();
    }

    Errors addPartitions(String transactionalId, long producerId, short epoch, String topic, int... partitions) {
        AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics =
                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection();
        List<Integer> indexes = new ArrayList<>();
        for (int partition : partitions) {
            indexes.add(partition);
        }
        topics.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName(topic).setPartitions(indexes));
        AddPartitionsToTxnResponseData response = service.addPartitionsToTxn(context(3),
                new AddPartitionsToTxnRequestData().setV3AndBelowTransactionalId(transactionalId)
                        .setV3AndBelowProducerId(producerId).setV3AndBelowProducerEpoch(epoch)
                        .setV3AndBelowTopics(topics)).join();
        return Errors.forCode(response.resultsByTopicV3AndBelow().find(topic).resultsByPartition().iterator().next()
                .partitionErrorCode());
    }

    Errors addOffsets(String transactionalId, long producerId, short epoch, String groupId) {
        return Errors.forCode(service.addOffsetsToTxn(context(4), new AddOffsetsToTxnRequestData()
                .setTransactionalId(transactionalId).setProducerId(producerId).setProducerEpoch(epoch)
                .setGroupId(groupId)).join().errorCode());
    }

    Errors endTxn(String transactionalId, long producerId, short epoch, boolean commit) {
        return Errors.forCode(service.endTxn(context(4), new EndTxnRequestData().setTransactionalId(transactionalId)
                .setProducerId(producerId).setProducerEpoch(epoch).setCommitted(commit)).join().errorCode());
    }

    DescribeTransactionsResponseData.TransactionState describe(String transactionalId) {
        return service.describeTransactions(context(0), new DescribeTransactionsRequestData()
                .setTransactionalIds(List.of(transactionalId))).join().transactionStates().get(0);
    }
}
