package io.tributary.broker.producer;

import io.tributary.broker.controller.ControllerChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.CoordinatorLoadInProgressException;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AllocateProducerIdsRequest;
import org.apache.kafka.common.requests.AllocateProducerIdsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer ids handed out from blocks the active controller allocates (AllocateProducerIds), so no two brokers
 * ever give out the same id, and a restarted broker never reuses one. The next block is requested when the
 * current one is 90% used, so a busy broker rarely waits.
 */
public final class ControllerProducerIds implements ProducerIdSource {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerProducerIds.class);
    private static final double PREFETCH_AT = 0.9;

    private final int brokerId;
    private final LongSupplier brokerEpoch;
    private final ControllerChannel channel;

    private long next;
    private long currentEnd;
    private long prefetchAt;
    private Block nextBlock;
    private CompletableFuture<Void> fetching;

    private record Block(long start, int length) {
    }

    /** @param brokerEpoch this broker's current epoch (the controller refuses stale ones) */
    public ControllerProducerIds(int brokerId, LongSupplier brokerEpoch, ControllerChannel channel) {
        this.brokerId = brokerId;
        this.brokerEpoch = brokerEpoch;
        this.channel = channel;
    }

    /**
     * Asks for a first block now (without waiting), as Kafka's brokers do at start-up, so the first InitProducerId
     * is not answered COORDINATOR_LOAD_IN_PROGRESS while the block is on its way.
     */
    public synchronized void prefetch() {
        if (!available()) {
            fetchNextBlock();
        }
    }

    @Override
    public synchronized long nextProducerId() {
        if (!available()) {
            fetchNextBlock();
            if (!available()) {
                throw new CoordinatorLoadInProgressException("Waiting for a producer id block from the controller");
            }
        }
        if (next >= prefetchAt && nextBlock == null) {
            fetchNextBlock();
        }
        return next++;
    }

    @Override
    public CompletionStage<Long> nextAsync() {
        CompletableFuture<Void> waitFor;
        synchronized (this) {
            if (!available()) {
                waitFor = fetchNextBlock();
                if (!available()) {
                    return waitFor.thenCompose(ignored -> nextAsync());
                }
            }
            return CompletableFuture.completedFuture(nextProducerId());
        }
    }

    // Only with the monitor held: moves to the prefetched block when the current one is used up.
    private boolean available() {
        if (next >= currentEnd && nextBlock != null) {
            use(nextBlock);
            nextBlock = null;
        }
        return next < currentEnd;
    }

    private void use(Block block) {
        next = block.start();
        currentEnd = block.start() + block.length();
        prefetchAt = block.start() + (long) (block.length() * PREFETCH_AT);
    }

    // Only with the monitor held; at most one request in flight.
    private CompletableFuture<Void> fetchNextBlock() {
        if (fetching != null) {
            return fetching;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        fetching = done;
        AllocateProducerIdsRequest request = new AllocateProducerIdsRequest.Builder(new AllocateProducerIdsRequestData()
                .setBrokerId(brokerId)
                .setBrokerEpoch(brokerEpoch.getAsLong())).build();
        channel.send(request).whenComplete((response, error) -> {
            synchronized (this) {
                fetching = null;
                Errors outcome = error != null ? Errors.forException(error)
                        : ((AllocateProducerIdsResponse) response).error();
                if (outcome == Errors.NONE) {
                    var data = ((AllocateProducerIdsResponse) response).data();
                    Block block = new Block(data.producerIdStart(), data.producerIdLen());
                    if (next >= currentEnd) {
                        use(block);
                    } else {
                        nextBlock = block;
                    }
                    done.complete(null);
                } else {
                    LOG.warn("Could not get a producer id block from the controller: {}", outcome);
                    // Retriable for the client, which asks again (as Kafka answers while its block is pending).
                    done.completeExceptionally(new CoordinatorLoadInProgressException(
                            "No producer id block from the controller yet: " + outcome));
                }
            }
        });
        return done;
    }
}
