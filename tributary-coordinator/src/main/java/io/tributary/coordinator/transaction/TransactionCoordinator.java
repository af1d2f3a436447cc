package io.tributary.coordinator.transaction;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.runtime.PartitionedCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;

/**
 * The transaction coordinator: transactional producers' state, kept in the partitions of
 * {@code __transaction_state} this broker leads (one shard per partition, rebuilt by replaying it), and the
 * two-phase completion of transactions by writing markers to every partition a transaction touched.
 * Futures complete normally with Kafka's error codes in the response.
 */
public interface TransactionCoordinator extends PartitionedCoordinator {

    /** With a transactional id (InitProducerId without one is answered by the broker itself). */
    CompletableFuture<InitProducerIdResponseData> initProducerId(CoordinatorRequestContext context,
                                                                InitProducerIdRequestData request);

    CompletableFuture<AddPartitionsToTxnResponseData> addPartitionsToTxn(CoordinatorRequestContext context,
                                                                        AddPartitionsToTxnRequestData request);

    CompletableFuture<AddOffsetsToTxnResponseData> addOffsetsToTxn(CoordinatorRequestContext context,
                                                                  AddOffsetsToTxnRequestData request);

    CompletableFuture<EndTxnResponseData> endTxn(CoordinatorRequestContext context, EndTxnRequestData request);

    CompletableFuture<DescribeTransactionsResponseData> describeTransactions(CoordinatorRequestContext context,
                                                                            DescribeTransactionsRequestData request);

    CompletableFuture<ListTransactionsResponseData> listTransactions(CoordinatorRequestContext context,
                                                                    ListTransactionsRequestData request);
}
