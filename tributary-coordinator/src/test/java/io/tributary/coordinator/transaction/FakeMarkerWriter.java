package io.tributary.coordinator.transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/** Records the markers asked for; answers at once, or holds them until released, or fails some first. */
final class FakeMarkerWriter implements TransactionMarkerWriter {

    record Marker(TopicPartition partition, long producerId, short producerEpoch, boolean commit) {
    }

    final List<Marker> written = new ArrayList<>();
    /** The transaction version each marker of {@link #written} carried. */
    final List<Short> transactionVersions = new ArrayList<>();
    private final List<CompletableFuture<Errors>> held = new ArrayList<>();
    private final Queue<Errors> nextErrors = new ArrayDeque<>();
    private boolean holding;

    void hold() {
        holding = true;
    }

    /** The next markers answer these errors, in order. */
    void failNext(Errors... errors) {
        nextErrors.addAll(List.of(errors));
    }

    void releaseAll() {
        holding = false;
        List<CompletableFuture<Errors>> pending = List.copyOf(held);
        held.clear();
        pending.forEach(future -> future.complete(Errors.NONE));
    }

    @Override
    public CompletableFuture<Errors> writeMarker(TopicPartition partition, long producerId, short producerEpoch,
                                                 int coordinatorEpoch, boolean commit, short transactionVersion) {
        written.add(new Marker(partition, producerId, producerEpoch, commit));
        transactionVersions.add(transactionVersion);
        if (!nextErrors.isEmpty()) {
            return CompletableFuture.completedFuture(nextErrors.poll());
        }
        if (holding) {
            CompletableFuture<Errors> future = new CompletableFuture<>();
            held.add(future);
            return future;
        }
        return CompletableFuture.completedFuture(Errors.NONE);
    }
}
