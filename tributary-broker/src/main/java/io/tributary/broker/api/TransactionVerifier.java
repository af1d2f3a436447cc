package io.tributary.broker.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * KIP-890: a partition leader asks the producer's transaction coordinator about partitions a transactional write
 * is about to touch (AddPartitionsToTxn v4+, broker to broker). Part 1 verifies that they already belong to the
 * ongoing transaction; part 2 (transaction version 2 clients) adds them, as the client no longer does.
 */
public interface TransactionVerifier {

    /**
     * @param add true: add the partitions (transaction version 2); false: only verify they are in the transaction
     * @return the coordinator's error per partition (NONE when in the transaction); never completes exceptionally
     *         (an unreachable coordinator is NETWORK_EXCEPTION or COORDINATOR_NOT_AVAILABLE)
     */
    CompletableFuture<Map<TopicPartition, Errors>> verify(String transactionalId, long producerId,
                                                          short producerEpoch, Set<TopicPartition> partitions,
                                                          boolean add);
}
