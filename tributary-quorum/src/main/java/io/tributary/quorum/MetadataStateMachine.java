package io.tributary.quorum;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.snapshot.CorruptSnapshotException;
import io.tributary.metadata.snapshot.MetadataSnapshot;
import io.tributary.metadata.snapshot.SnapshotFile;
import io.tributary.metadata.snapshot.SnapshotPolicy;
import io.tributary.metadata.snapshot.SnapshotTrigger;

/**
 * Hands each committed batch to the listeners. Ratis applies entries one at a time, in log order, on one thread,
 * and at most once per server lifetime, starting after the snapshot this machine loaded (or from the start of the
 * local log without one).
 *
 * <p>Snapshots: the image the node built ({@link #imageApplied}) is written as a Ratis snapshot file
 * ({@code sm/snapshot.<term>_<index>}, the {@link SnapshotFile} format) when the {@link SnapshotPolicy} says so;
 * Ratis then purges the log segments it covers. A follower whose missing entries were purged is sent the leader's
 * snapshot file by Ratis (install from the leader, not notification: the file is small and Ratis already moves,
 * checks and renames it), and {@link #reinitialize} loads it. A damaged snapshot is refused: the next older one is
 * used if the local log still continues it, otherwise the node does not start.
 */
final class MetadataStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataStateMachine.class);
    private static final String CORRUPT_SUFFIX = ".corrupt";

    private final List<CommittedBatchListener> listeners = new CopyOnWriteArrayList<>();
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final SnapshotTrigger trigger;
    private final AtomicBoolean snapshotRequested = new AtomicBoolean();
    private volatile Runnable snapshotRequester = () -> { };
    private volatile Consumer<Throwable> logFailureHandler = cause -> { };
    private volatile Runnable configurationListener = () -> { };
    private volatile MetadataImage latestImage;

    MetadataStateMachine(SnapshotPolicy policy) {
        this.trigger = new SnapshotTrigger(policy, System.currentTimeMillis());
    }

    void addListener(CommittedBatchListener listener) {
        listeners.add(listener);
    }

    /** Who hears that the local Raft log could not be written (Ratis refuses every later write of this server). */
    void onLogFailed(Consumer<Throwable> handler) {
        this.logFailureHandler = handler;
    }

    /** Called by Ratis' log worker for the failed write and for every write after it: must not block. */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        logFailureHandler.accept(cause);
    }

    /** Who hears that a Raft configuration entry was applied (committed), e.g. a voter's new address. */
    void onConfigurationChanged(Runnable listener) {
        this.configurationListener = listener;
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto configuration) {
        configurationListener.run();
    }

    /** How to ask Ratis for a snapshot (asynchronously: Ratis then calls {@link #takeSnapshot}). */
    void onSnapshotDue(Runnable requester) {
        this.snapshotRequester = requester;
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /** The newest snapshot on disk, read and verified, or null when there is none. */
    MetadataSnapshot latestSnapshot() throws IOException {
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        return latest == null ? null : read(latest.getFile().getPath(), latest.getTermIndex());
    }

    /** The index of the newest snapshot on disk, or -1. */
    long snapshotIndex() {
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            File smDir = raftStorage.getStorageDir().getStateMachineDir();
            long logStart = RaftLogStart.of(raftStorage.getStorageDir().getCurrentDir());
            Loaded loaded = loadNewestValid(smDir.toPath());
            // Ratis looks the latest snapshot up once: after the damaged ones were moved aside.
            storage.init(raftStorage);
            long resumeAt = loaded == null ? 0 : loaded.termIndex().getIndex() + 1;
            if (logStart > resumeAt) {
                throw new IOException("The local Raft log starts at index " + logStart + " but "
                    + (loaded == null ? "there is no valid snapshot" : "the newest valid snapshot ends at index "
                    + loaded.termIndex().getIndex()) + "; remove " + raftStorage.getStorageDir().getRoot()
                    + " so that this node is reinstalled from the leader");
            }
            if (loaded != null) {
                LOG.info("Starting the metadata state machine from snapshot {}", loaded.termIndex());
                deliver(loaded);
            }
        }, IOException.class);
    }

    @Override
    public void pause() {
        LifeCycle lifeCycle = getLifeCycle();
        if (lifeCycle.getCurrentState() == LifeCycle.State.RUNNING) {
            lifeCycle.transition(LifeCycle.State.PAUSING);
            lifeCycle.transition(LifeCycle.State.PAUSED);
        }
    }

    /** After Ratis installed the leader's snapshot (it replaced the sm directory): load it. */
    @Override
    public void reinitialize() throws IOException {
        SingleFileSnapshotInfo installed = storage.loadLatestSnapshot();
        if (installed == null) {
            throw new IOException("Ratis reinitialized the metadata state machine without a snapshot");
        }
        Path file = installed.getFile().getPath();
        MetadataSnapshot snapshot = read(file, installed.getTermIndex());
        LOG.info("Installing the metadata snapshot {} sent by the leader", installed.getTermIndex());
        deliver(new Loaded(installed.getTermIndex(), snapshot));
        LifeCycle lifeCycle = getLifeCycle();
        if (lifeCycle.getCurrentState() == LifeCycle.State.PAUSED) {
            lifeCycle.transition(LifeCycle.State.STARTING);
            lifeCycle.transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        List<MetadataRecord> records;
        var data = trx.getStateMachineLogEntry().getLogData();
        try {
            // The record readers need an array-backed buffer; one copy per batch is cheap at metadata rates.
            records = RecordBatchCodec.decode(ByteBuffer.wrap(data.toByteArray()));
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
        trigger.recordBytes(data.size());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /** The image the node built up to some applied index; asks Ratis for a snapshot when the policy says so. */
    void imageApplied(MetadataImage image) {
        if (image.offset() <= snapshotIndex()) {
            return;
        }
        latestImage = image;
        if (trigger.due(System.currentTimeMillis()) && snapshotRequested.compareAndSet(false, true)) {
            snapshotRequester.run();
        }
    }

    /** The Ratis request for a snapshot ended (taken, refused or failed): a later image may ask again. */
    void snapshotRequestDone() {
        snapshotRequested.set(false);
    }

    /** Writes the latest image the node built (at most the last applied index) as a snapshot. */
    @Override
    public long takeSnapshot() throws IOException {
        long current = snapshotIndex();
        MetadataImage image = latestImage;
        if (image == null || image.offset() <= current) {
            return current;
        }
        TermIndex termIndex = getServer().join().getDivision(getGroupId()).getRaftLog().getTermIndex(image.offset());
        if (termIndex == null) {
            LOG.warn("No Raft term known for index {}; no snapshot taken", image.offset());
            return current;
        }
        long start = System.nanoTime();
        File file = storage.getSnapshotFile(termIndex.getTerm(), termIndex.getIndex());
        MetadataSnapshot snapshot = MetadataSnapshot.of(image, (int) termIndex.getTerm());
        SnapshotFile.write(file.toPath(), snapshot);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), termIndex));
        trigger.snapshotTaken(System.currentTimeMillis());
        LOG.info("Wrote metadata snapshot {} ({} records) in {} ms", file.getName(), snapshot.records().size(),
            (System.nanoTime() - start) / 1_000_000);
        return termIndex.getIndex();
    }

    private void deliver(Loaded loaded) {
        long index = loaded.termIndex().getIndex();
        for (CommittedBatchListener listener : listeners) {
            try {
                listener.onSnapshot(index, loaded.snapshot().records());
            } catch (RuntimeException e) {
                LOG.error("Listener {} failed on the metadata snapshot at offset {}", listener, index, e);
            }
        }
        setLastAppliedTermIndex(loaded.termIndex());
        trigger.snapshotTaken(System.currentTimeMillis());
    }

    /** The newest snapshot in {@code smDir} that verifies; damaged ones are moved aside ({@code .corrupt}). */
    private static Loaded loadNewestValid(Path smDir) throws IOException {
        if (!Files.isDirectory(smDir)) {
            return null;
        }
        List<Path> candidates;
        try (var files = Files.list(smDir)) {
            candidates = files.filter(f -> SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(f.getFileName().toString())
                    .matches())
                .sorted(Comparator.comparingLong((Path f) -> termIndexOf(f).getIndex()).reversed())
                .toList();
        }
        for (Path file : candidates) {
            TermIndex termIndex = termIndexOf(file);
            try {
                return new Loaded(termIndex, read(file, termIndex));
            } catch (CorruptSnapshotException e) {
                LOG.error("Refusing a damaged metadata snapshot: {}", e.getMessage());
                Files.move(file, file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX));
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + MD5FileUtil.MD5_SUFFIX));
                SnapshotFile.syncDirectory(smDir);
            }
        }
        return null;
    }

    private static MetadataSnapshot read(Path file, TermIndex termIndex) throws IOException {
        MetadataSnapshot snapshot = SnapshotFile.read(file);
        if (snapshot.lastOffset() != termIndex.getIndex()) {
            throw new CorruptSnapshotException("metadata snapshot " + file + " holds index " + snapshot.lastOffset()
                + ", not what its name says");
        }
        return snapshot;
    }

    private static TermIndex termIndexOf(Path file) {
        return SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file.toFile());
    }

    private record Loaded(TermIndex termIndex, MetadataSnapshot snapshot) {
    }
}
