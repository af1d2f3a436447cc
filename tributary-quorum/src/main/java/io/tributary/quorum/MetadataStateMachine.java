package io.tributary.quorum;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.record.MetadataRecord;

/**
 * Hands each committed batch to the listeners. Ratis applies entries one at a time, in log order, on one thread,
 * and at most once per server lifetime; with no snapshot it starts from the beginning of the local log, which is
 * what gives listeners the replay at start.
 */
final class MetadataStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final List<CommittedBatchListener> listeners = new CopyOnWriteArrayList<>();

    void addListener(CommittedBatchListener listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        List<MetadataRecord> records;
        try {
            // The record readers need an array-backed buffer; one copy per batch is cheap at metadata rates.
            records = RecordBatchCodec.decode(ByteBuffer.wrap(trx.getStateMachineLogEntry().getLogData().toByteArray()));
        } catch (RuntimeException e) {
            // An undecodable committed entry means this node cannot follow the log; stop applying rather than skip.
            LOG.error("Cannot decode the metadata batch at offset {}", entry.getIndex(), e);
            return CompletableFuture.failedFuture(e);
        }
        for (CommittedBatchListener listener : listeners) {
            try {
                listener.onCommittedBatch(entry.getIndex(), records);
            } catch (RuntimeException e) {
                // One faulty listener must not hide the batch from the others or stall the apply thread.
                LOG.error("Listener {} failed on the metadata batch at offset {}", listener, entry.getIndex(), e);
            }
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.EMPTY);
    }
}
