package io.tributary.broker.share;

import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.share.DeliveryState;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.coordinator.share.StateBatch;
import io.tributary.storage.api.ReadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.message.ShareFetchResponseData.AcquiredRecords;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * The share-partition leader's state of one (group, topic partition), as KIP-932: the start offset (everything
 * before it is acknowledged or archived), the end offset (the next offset never acquired), and every record in
 * between in state Available, Acquired, Acknowledged or Archived with its delivery count. Acquired records are
 * locked for the record lock duration and released when the lock expires; a record delivered
 * {@code group.share.delivery.count.limit} times is archived instead of being made available again.
 *
 * <p>Every change of a record's durable state (acknowledgement, release, lock expiry) is written to the share
 * coordinator and the caller is answered once it is committed. Acquisitions are not written: a lock does not
 * outlive its leader. All methods are synchronized on this object; the coordinator writes are queued in order
 * while holding it, so the last write committed is always the latest state.
 */
final class SharePartition {

    /** What one fetch acquired: the records read (whole batches) and the offset ranges the member now holds. */
    record Acquisition(ReadResult read, List<AcquiredRecords> acquired) {
    }

    /** One acknowledgement batch of a ShareFetch or ShareAcknowledge request. */
    record AckBatch(long firstOffset, long lastOffset, List<Byte> types) {
    }

    static final byte GAP = 0;
    static final byte ACCEPT = 1;
    static final byte RELEASE = 2;
    static final byte REJECT = 3;
    static final byte RENEW = 4;

    private enum Status { LOADING, READY, FAILED }

    private final SharePartitionKey key;
    private final Partition partition;
    private final int leaderEpoch;
    private final ShareLimits limits;
    private final ShareGroupConfigs groupConfigs;
    private final ShareStatePersister persister;
    private final ScheduledExecutorService timer;
    private final Runnable onRecordsAvailable;

    private Status status = Status.LOADING;
    private int stateEpoch;
    private long startOffset;
    private long endOffset;
    private final TreeMap<Long, InFlightRecord> inFlight = new TreeMap<>();
    /** Loaded states of records past the end offset: applied as those records are read again. */
    private final TreeMap<Long, StateBatch> restored = new TreeMap<>();
    private long nextAcquisitionId;

    SharePartition(SharePartitionKey key, Partition partition, ShareLimits limits, ShareGroupConfigs groupConfigs,
                   ShareStatePersister persister, ScheduledExecutorService timer, Runnable onRecordsAvailable) {
        this.key = key;
        this.partition = partition;
        this.leaderEpoch = partition.leaderEpoch();
        this.limits = limits;
        this.groupConfigs = groupConfigs;
        this.persister = persister;
        this.timer = timer;
        this.onRecordsAvailable = onRecordsAvailable;
    }

    SharePartitionKey key() {
        return key;
    }

    /** Whether this state still belongs to the partition's current leadership here. */
    synchronized boolean isCurrent() {
        return status != Status.FAILED && partition.isLeader() && partition.leaderEpoch() == leaderEpoch;
    }

    synchronized boolean isReady() {
        return status == Status.READY;
    }

    synchronized long startOffset() {
        return startOffset;
    }

    // ---- loading ------------------------------------------------------------------------------------------

    /** Reads the persisted state, or initializes it from share.auto.offset.reset; completes with the outcome. */
    CompletableFuture<Errors> load() {
        return persister.read(key).thenCompose(result -> {
            if (result.error() != Errors.NONE) {
                fail();
                return CompletableFuture.completedFuture(result.error());
            }
            if (result.state().isPresent()) {
                restore(result.state().get());
                return CompletableFuture.completedFuture(Errors.NONE);
            }
            SharePartitionState initial;
            synchronized (this) {
                startOffset = initialOffset();
                endOffset = startOffset;
                initial = snapshot();
            }
            return persister.write(key, initial).thenApply(error -> {
                synchronized (this) {
                    status = error == Errors.NONE && status != Status.FAILED ? Status.READY : Status.FAILED;
                }
                return error;
            });
        }).exceptionally(e -> {
            fail();
            return Errors.UNKNOWN_SERVER_ERROR;
        });
    }

    /** Stops using this state (an admin changed the offsets): its lock timers do nothing anymore. */
    synchronized void close() {
        status = Status.FAILED;
    }

    private synchronized void fail() {
        status = Status.FAILED;
    }

    private synchronized void restore(SharePartitionState state) {
        if (status == Status.FAILED) {
            return; // given up on (a load that took too long): another state replaces this one
        }
        stateEpoch = state.stateEpoch();
        startOffset = Math.max(state.startOffset(), partition.logStartOffset());
        endOffset = startOffset;
        for (StateBatch batch : state.batches()) {
            if (batch.lastOffset() >= startOffset) {
                restored.put(batch.firstOffset(), batch);
            }
        }
        status = Status.READY;
    }

    private long initialOffset() {
        String reset = groupConfigs.autoOffsetReset(key.groupId());
        if (reset.equals("earliest")) {
            return partition.logStartOffset();
        }
        if (reset.startsWith("by_duration:")) {
            long since = System.currentTimeMillis()
                    - Duration.parse(reset.substring("by_duration:".length())).toMillis();
            return partition.offsetForTimestamp(since).map(t -> t.offset()).orElse(partition.highWatermark());
        }
        return partition.highWatermark();
    }

    // ---- acquisition --------------------------------------------------------------------------------------

    /**
     * Acquires for {@code memberId} up to {@code maxRecords} records (whole batches unless {@code recordLimit}):
     * available ones first (released or whose lock expired), then records never delivered. Null when there is
     * nothing to acquire.
     */
    synchronized Acquisition acquire(String memberId, int maxRecords, int maxBytes, boolean recordLimit) {
        if (status != Status.READY) {
            return null;
        }
        advanceStartToLogStart();
        Long firstAvailable = firstAvailableOffset();
        long fetchOffset = firstAvailable != null ? firstAvailable : endOffset;
        if (firstAvailable == null && inFlight.size() >= limits.maxRecordLocks()) {
            return null;
        }
        boolean readCommitted = groupConfigs.readCommitted(key.groupId());
        long bound = readCommitted ? partition.lastStableOffset() : partition.highWatermark();
        if (fetchOffset >= bound) {
            return null;
        }
        ReadResult read = partition.read(fetchOffset, maxBytes, bound, true);
        long acquisitionId = ++nextAcquisitionId;
        AcquiredRanges ranges = new AcquiredRanges();
        AbortedTransactions aborted = readCommitted
                ? new AbortedTransactions(partition.abortedTransactions(fetchOffset, bound)) : null;
        boolean full = false;
        // Only the batches up to the last acquired record are sent: the read may reach far past what was taken.
        int bytes = 0;
        int bytesToLastAcquired = 0;
        for (RecordBatch batch : read.records().batches()) {
            if (full) {
                break;
            }
            bytes += batch.sizeInBytes();
            if (batch.lastOffset() < fetchOffset) {
                continue;
            }
            boolean skip = batch.isControlBatch() || (aborted != null && aborted.isAborted(batch));
            int acquiredBefore = ranges.count;
            long from = Math.max(batch.baseOffset(), fetchOffset);
            for (long offset = from; offset <= batch.lastOffset(); offset++) {
                if (recordLimit && ranges.count >= maxRecords) {
                    full = true;
                    break;
                }
                InFlightRecord record = offset < endOffset ? inFlight.get(offset) : track(offset);
                if (record == null) {
                    if (offset >= endOffset) {
                        full = true; // record locks exhausted
                        break;
                    }
                    continue;
                }
                if (skip && record.state == DeliveryState.AVAILABLE) {
                    record.state = DeliveryState.ARCHIVED; // transaction markers, aborted records: never delivered
                } else if (record.state == DeliveryState.AVAILABLE) {
                    record.state = DeliveryState.ACQUIRED;
                    record.deliveryCount++;
                    record.memberId = memberId;
                    record.acquisitionId = acquisitionId;
                    ranges.add(offset, record.deliveryCount);
                }
            }
            if (ranges.count > acquiredBefore) {
                bytesToLastAcquired = bytes;
            }
            if (aborted != null && batch.isControlBatch()) {
                aborted.onControlBatch(batch);
            }
            if (ranges.count >= maxRecords) {
                full = true;
            }
        }
        advanceStart();
        if (ranges.ranges.isEmpty()) {
            return null;
        }
        scheduleLockExpiry(acquisitionId, ranges.first(), ranges.last(), groupConfigs.recordLockDurationMs(key.groupId()));
        ReadResult sent = new ReadResult(read.records(), read.channel(), read.position(), bytesToLastAcquired,
                read.highWatermark(), read.logStartOffset(), read.logEndOffset());
        return new Acquisition(sent, ranges.ranges);
    }

    /** Starts tracking a record read for the first time (or again after a reload); null when locks run out. */
    private InFlightRecord track(long offset) {
        if (inFlight.size() >= limits.maxRecordLocks()) {
            return null;
        }
        InFlightRecord record = new InFlightRecord(DeliveryState.AVAILABLE, (short) 0);
        Map.Entry<Long, StateBatch> loaded = restored.floorEntry(offset);
        if (loaded != null && loaded.getValue().lastOffset() >= offset) {
            record.state = loaded.getValue().state() == DeliveryState.ACQUIRED ? DeliveryState.AVAILABLE
                    : loaded.getValue().state();
            record.deliveryCount = loaded.getValue().deliveryCount();
            if (record.state == DeliveryState.AVAILABLE && record.deliveryCount >= limits.deliveryCountLimit()) {
                record.state = DeliveryState.ARCHIVED;
            }
            if (loaded.getValue().lastOffset() == offset) {
                restored.remove(loaded.getKey());
            }
        }
        inFlight.put(offset, record);
        endOffset = offset + 1;
        return record;
    }

    private Long firstAvailableOffset() {
        for (Map.Entry<Long, InFlightRecord> entry : inFlight.entrySet()) {
            if (entry.getValue().state == DeliveryState.AVAILABLE) {
                return entry.getKey();
            }
        }
        return null;
    }

    // ---- acknowledgement ----------------------------------------------------------------------------------

    /**
     * Applies a member's acknowledgements; INVALID_RECORD_STATE when a batch names a record this member does not
     * hold (that batch changes nothing). Completes once the new state is committed.
     */
    CompletableFuture<Errors> acknowledge(String memberId, List<AckBatch> batches) {
        CompletableFuture<Errors> written;
        Errors error = Errors.NONE;
        boolean released = false;
        synchronized (this) {
            if (status != Status.READY) {
                return CompletableFuture.completedFuture(Errors.NOT_LEADER_OR_FOLLOWER);
            }
            boolean changed = false;
            for (AckBatch batch : batches) {
                Errors batchError = validate(memberId, batch);
                if (batchError != Errors.NONE) {
                    error = batchError;
                    continue;
                }
                for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
                    byte type = batch.types().size() == 1 ? batch.types().get(0)
                            : batch.types().get((int) (offset - batch.firstOffset()));
                    InFlightRecord record = inFlight.get(offset);
                    if (record == null) {
                        continue; // a gap inside a compacted batch that was never tracked
                    }
                    switch (type) {
                        case ACCEPT -> record.state = DeliveryState.ACKNOWLEDGED;
                        case GAP, REJECT -> record.state = DeliveryState.ARCHIVED;
                        case RELEASE -> {
                            release(record);
                            released = true;
                        }
                        case RENEW -> {
                            continue;
                        }
                        default -> {
                        }
                    }
                    record.memberId = null;
                    changed = true;
                }
                if (batch.types().contains(RENEW)) {
                    renew(batch);
                }
            }
            if (!changed) {
                return CompletableFuture.completedFuture(error);
            }
            long startBefore = startOffset;
            advanceStart();
            released |= startOffset != startBefore; // in-flight room freed: fetches held by the lock limit go on
            written = persist();
        }
        if (released) {
            onRecordsAvailable.run();
        }
        Errors batchError = error;
        return written.thenApply(writeError -> writeError != Errors.NONE ? writeError : batchError);
    }

    private Errors validate(String memberId, AckBatch batch) {
        if (batch.lastOffset() < batch.firstOffset() || batch.types().isEmpty()
                || (batch.types().size() != 1 && batch.types().size() != batch.lastOffset() - batch.firstOffset() + 1)) {
            return Errors.INVALID_REQUEST;
        }
        boolean any = false;
        for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
            InFlightRecord record = inFlight.get(offset);
            if (record == null) {
                if (offset < startOffset || offset >= endOffset) {
                    return Errors.INVALID_RECORD_STATE;
                }
                continue;
            }
            if (record.state != DeliveryState.ACQUIRED || !memberId.equals(record.memberId)) {
                return Errors.INVALID_RECORD_STATE;
            }
            any = true;
        }
        for (byte type : batch.types()) {
            if (type < GAP || type > RENEW) {
                return Errors.INVALID_REQUEST;
            }
        }
        return any ? Errors.NONE : Errors.INVALID_RECORD_STATE;
    }

    /** A renewed lock starts over: a new acquisition id, so the old timer no longer applies. */
    private void renew(AckBatch batch) {
        long acquisitionId = ++nextAcquisitionId;
        for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
            InFlightRecord record = inFlight.get(offset);
            if (record != null && record.state == DeliveryState.ACQUIRED) {
                record.acquisitionId = acquisitionId;
            }
        }
        scheduleLockExpiry(acquisitionId, batch.firstOffset(), batch.lastOffset(),
                groupConfigs.recordLockDurationMs(key.groupId()));
    }

    /** Back to Available, or Archived once it was delivered as often as the limit allows. */
    private void release(InFlightRecord record) {
        record.state = record.deliveryCount >= limits.deliveryCountLimit() ? DeliveryState.ARCHIVED
                : DeliveryState.AVAILABLE;
        record.memberId = null;
    }

    /** The member's share session ended: everything it still holds is released at once. */
    CompletableFuture<Errors> releaseMember(String memberId) {
        CompletableFuture<Errors> written;
        synchronized (this) {
            if (status != Status.READY || !releaseWhere(r -> memberId.equals(r.memberId))) {
                return CompletableFuture.completedFuture(Errors.NONE);
            }
            written = persist();
        }
        onRecordsAvailable.run();
        return written;
    }

    /**
     * The member stopped fetching this partition here: its locks end after {@code delayMs} instead of the full
     * lock duration, so records it had fetched but not handed out go to the others soon, while acknowledgements
     * already on their way still land.
     */
    synchronized void shortenLocks(String memberId, long delayMs) {
        if (status != Status.READY) {
            return;
        }
        long acquisitionId = ++nextAcquisitionId;
        long first = -1;
        long last = -1;
        for (Map.Entry<Long, InFlightRecord> entry : inFlight.entrySet()) {
            InFlightRecord record = entry.getValue();
            if (record.state == DeliveryState.ACQUIRED && memberId.equals(record.memberId)) {
                record.acquisitionId = acquisitionId;
                first = first < 0 ? entry.getKey() : first;
                last = entry.getKey();
            }
        }
        if (first >= 0) {
            scheduleLockExpiry(acquisitionId, first, last, delayMs);
        }
    }

    private void scheduleLockExpiry(long acquisitionId, long first, long last, long delayMs) {
        timer.schedule(() -> expireLocks(acquisitionId, first, last), delayMs, TimeUnit.MILLISECONDS);
    }

    private void expireLocks(long acquisitionId, long first, long last) {
        synchronized (this) {
            if (status != Status.READY) {
                return;
            }
            boolean changed = false;
            for (InFlightRecord record : inFlight.subMap(first, true, last, true).values()) {
                if (record.state == DeliveryState.ACQUIRED && record.acquisitionId == acquisitionId) {
                    release(record);
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
            advanceStart();
            persist();
        }
        onRecordsAvailable.run();
    }

    private boolean releaseWhere(java.util.function.Predicate<InFlightRecord> holder) {
        boolean changed = false;
        for (InFlightRecord record : inFlight.values()) {
            if (record.state == DeliveryState.ACQUIRED && holder.test(record)) {
                release(record);
                changed = true;
            }
        }
        if (changed) {
            advanceStart();
        }
        return changed;
    }

    // ---- start offset and persistence ---------------------------------------------------------------------

    /** Acknowledged and archived records at the front are done with: the start offset moves past them. */
    private void advanceStart() {
        Iterator<Map.Entry<Long, InFlightRecord>> it = inFlight.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, InFlightRecord> entry = it.next();
            if (!entry.getValue().state.isTerminal()) {
                startOffset = entry.getKey();
                return;
            }
            it.remove();
        }
        startOffset = endOffset;
    }

    /** Records removed by retention can't be delivered: the start offset never stays below the log start. */
    private void advanceStartToLogStart() {
        long logStart = partition.logStartOffset();
        if (startOffset >= logStart) {
            return;
        }
        inFlight.headMap(logStart).clear();
        restored.headMap(logStart).clear();
        startOffset = logStart;
        endOffset = Math.max(endOffset, logStart);
    }

    private CompletableFuture<Errors> persist() {
        return persister.write(key, snapshot()).thenApply(error -> {
            if (error == Errors.FENCED_STATE_EPOCH || error == Errors.FENCED_LEADER_EPOCH) {
                fail(); // an admin moved the offsets or a newer leader took over: this view is stale
            }
            return error;
        });
    }

    /** The durable view: runs of records with the same state and count; acquired ones count as available. */
    private SharePartitionState snapshot() {
        List<StateBatch> batches = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        DeliveryState runState = null;
        short runCount = 0;
        for (Map.Entry<Long, InFlightRecord> entry : inFlight.entrySet()) {
            InFlightRecord record = entry.getValue();
            DeliveryState state = record.state == DeliveryState.ACQUIRED ? DeliveryState.AVAILABLE : record.state;
            if (state == DeliveryState.AVAILABLE && record.deliveryCount == 0) {
                continue;
            }
            long offset = entry.getKey();
            if (runState == state && runCount == record.deliveryCount && runEnd == offset - 1) {
                runEnd = offset;
                continue;
            }
            if (runState != null) {
                batches.add(new StateBatch(runStart, runEnd, runState, runCount));
            }
            runStart = offset;
            runEnd = offset;
            runState = state;
            runCount = record.deliveryCount;
        }
        if (runState != null) {
            batches.add(new StateBatch(runStart, runEnd, runState, runCount));
        }
        batches.addAll(restored.values());
        return new SharePartitionState(stateEpoch, leaderEpoch, startOffset, batches);
    }

    /** Acquired offsets gathered into ranges of consecutive offsets with the same delivery count. */
    private static final class AcquiredRanges {
        final List<AcquiredRecords> ranges = new ArrayList<>();
        int count;

        void add(long offset, short deliveryCount) {
            count++;
            AcquiredRecords last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.lastOffset() == offset - 1 && last.deliveryCount() == deliveryCount) {
                last.setLastOffset(offset);
            } else {
                ranges.add(new AcquiredRecords().setFirstOffset(offset).setLastOffset(offset)
                        .setDeliveryCount(deliveryCount));
            }
        }

        long first() {
            return ranges.get(0).firstOffset();
        }

        long last() {
            return ranges.get(ranges.size() - 1).lastOffset();
        }
    }

    /**
     * read_committed: which batches belong to aborted transactions, as a consumer works it out: a producer's
     * batches from the first offset of its aborted transaction up to its ABORT marker.
     */
    private static final class AbortedTransactions {
        private final PriorityQueue<AbortedTransaction> pending =
                new PriorityQueue<>((a, b) -> Long.compare(a.firstOffset(), b.firstOffset()));
        private final Set<Long> abortedProducers = new HashSet<>();

        AbortedTransactions(List<AbortedTransaction> aborted) {
            pending.addAll(aborted);
        }

        boolean isAborted(RecordBatch batch) {
            while (!pending.isEmpty() && pending.peek().firstOffset() <= batch.lastOffset()) {
                abortedProducers.add(pending.poll().producerId());
            }
            return batch.isTransactional() && !batch.isControlBatch()
                    && abortedProducers.contains(batch.producerId());
        }

        void onControlBatch(RecordBatch batch) {
            for (Record record : batch) {
                if (record.hasKey() && ControlRecordType.parse(record.key()) == ControlRecordType.ABORT) {
                    abortedProducers.remove(batch.producerId());
                }
            }
        }
    }
}
