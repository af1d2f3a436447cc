package io.tributary.broker.producer;

import io.tributary.coordinator.transaction.ProducerIdGenerator;
import java.util.concurrent.CompletionStage;

/**
 * Producer ids unique across the cluster. {@link #nextProducerId()} (the transaction coordinator's, which must
 * not wait) fails with a retriable COORDINATOR_LOAD_IN_PROGRESS while no id is at hand; {@link #nextAsync()}
 * waits for the next block instead.
 */
public interface ProducerIdSource extends ProducerIdGenerator {

    CompletionStage<Long> nextAsync();
}
