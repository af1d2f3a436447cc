package io.tributary.storage;

import io.tributary.storage.api.FlushListener;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.checkpoint.CleanShutdownMarker;
import io.tributary.storage.checkpoint.PartitionMetadataFile;
import io.tributary.storage.cleaner.LogCleaner;
import io.tributary.storage.flush.GroupCommitFlusher;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import org.apache.kafka.common.internals.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InconsistentTopicIdException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every partition log on this broker: loads them at startup (recovering after an unclean stop), creates and
 * deletes them, and runs the background work (retention, flush.ms, checkpoints, producer expiry, compaction).
 */
public final class LogManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);
    private static final String DELETE_DIR_SUFFIX = "-delete";
    /** Logs created at once by {@link #createLogs}: their fsyncs overlap (the file system commits them together). */
    private static final int CREATE_THREADS = 8;

    private final StorageConfig config;
    private final Time time;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, PartitionCompaction> compactions = new ConcurrentHashMap<>();
    private final Map<Path, LogDirCheckpoints> checkpoints = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService cleanerThread;
    private final GroupCommitFlusher flusher;
    private final LogServices services;
    private final LogCleaner cleaner = new LogCleaner();
    private final OfflineLogDirs offlineDirs = new OfflineLogDirs();
    private final Object createLock = new Object();
    private volatile boolean closed;
    /** The broker epoch a clean stop records in the marker (KIP-966); -1 until the broker says. */
    private volatile LongSupplier brokerEpoch = () -> CleanShutdownMarker.NO_EPOCH;
    /** What an operator may change at run time; read by the cleaner and the producer-expiration task each time. */
    private volatile DynamicStorageConfig dynamic;

    public LogManager(StorageConfig config, Time time) {
        this(config, time, FlushListener.NONE);
    }

    /** With a listener told of every partition flush (the broker's {@code LogFlushStats}). */
    public LogManager(StorageConfig config, Time time, FlushListener flushes) {
        this.config = config;
        this.dynamic = DynamicStorageConfig.of(config);
        this.time = time;
        for (Path dir : config.logDirs()) checkpoints.put(dir, new LogDirCheckpoints(dir));
        this.scheduler = newScheduler(2, "tributary-log-scheduler");
        this.cleanerThread = newScheduler(1, "tributary-log-cleaner");
        this.flusher = new GroupCommitFlusher("tributary-log-flusher");
        this.services = new LogServices(scheduler, flusher, this::checkpointLogStartOffsets, this::onIoFailure,
                flushes);
    }

    /**
     * The broker epoch of the last clean stop, read (as Kafka does) before the logs are loaded and the markers
     * removed: -1 unless every log dir holds a marker with the same epoch.
     */
    public long previousBrokerEpoch() {
        return CleanShutdownMarker.brokerEpoch(config.logDirs());
    }

    /** Where {@link #close()} finds the broker epoch to record in the clean-shutdown markers. */
    public void recordBrokerEpoch(LongSupplier epoch) {
        this.brokerEpoch = epoch;
    }

    /** Loads existing partitions with default topic configs; see {@link #startup(Function)}. */
    public void startup() {
        startup(topic -> LogConfig.defaults());
    }

    /** Loads every partition directory (recovering after an unclean stop), then starts background threads. */
    public void startup(Function<String, LogConfig> topicConfigs) {
        // A dir that cannot be loaded stops the start (Kafka would serve the others): the metadata does not say
        // which partitions lived in it, so they would be recreated empty elsewhere, and such an empty replica
        // could be elected leader.
        try {
            for (Path dir : config.logDirs()) loadLogDir(dir, topicConfigs);
        } catch (IOException e) {
            throw new KafkaStorageException("Loading logs failed: " + e.getMessage(), e);
        }
        scheduleBackgroundWork();
    }

    /**
     * Loads (after an unclean stop: recovers) every partition of one log dir on num.recovery.threads.per.data.dir
     * threads, as Kafka does: partitions are independent, and a rescan is mostly CPU (CRC) and fsync waits.
     * Any failure fails the whole start, as before.
     */
    private void loadLogDir(Path logDir, Function<String, LogConfig> topicConfigs) throws IOException {
        Files.createDirectories(logDir);
        boolean clean = CleanShutdownMarker.exists(logDir);
        LogDirCheckpoints cp = checkpoints.get(logDir);
        Map<TopicPartition, Long> recoveryPoints = cp.recoveryPoints.read();
        Map<TopicPartition, Long> logStarts = cp.logStartOffsets.read();
        Map<TopicPartition, Long> cleanerOffsets = cp.cleanerOffsets.read();
        Map<TopicPartition, Long> highWatermarks = cp.highWatermarks.read();
        Map<Path, TopicPartition> toLoad = new LinkedHashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(logDir, Files::isDirectory)) {
            for (Path partitionDir : stream) {
                String name = partitionDir.getFileName().toString();
                if (name.endsWith(DELETE_DIR_SUFFIX)) {
                    Utils.delete(partitionDir.toFile());
                    continue;
                }
                parseTopicPartition(name).ifPresent(tp -> toLoad.put(partitionDir, tp));
            }
        }
        // Each topic's settings once (they are the same for all its partitions), here rather than on the loaders.
        Map<String, LogConfig> logConfigs = new HashMap<>();
        for (TopicPartition tp : toLoad.values()) logConfigs.computeIfAbsent(tp.topic(), topicConfigs);
        ExecutorService loaders = Executors.newFixedThreadPool(config.recoveryThreadsPerDataDir(),
                namedThreads("tributary-log-recovery"));
        try {
            List<Future<PartitionLog>> loads = new ArrayList<>();
            for (Map.Entry<Path, TopicPartition> e : toLoad.entrySet()) {
                Path partitionDir = e.getKey();
                TopicPartition tp = e.getValue();
                loads.add(loaders.submit(() -> {
                    Uuid topicId = PartitionMetadataFile.read(partitionDir).orElse(Uuid.ZERO_UUID);
                    PartitionLog log = PartitionLog.load(partitionDir.toFile(), tp, topicId,
                            logConfigs.get(tp.topic()), time, services, clean, recoveryPoints.getOrDefault(tp, 0L),
                            logStarts.getOrDefault(tp, 0L), cleanerOffsets.getOrDefault(tp, 0L));
                    // As Kafka: committed is only what was known committed (none without a checkpoint); a
                    // leader's replication, or its own log alone on a single replica, moves it on from there.
                    log.setHighWatermark(Math.min(highWatermarks.getOrDefault(tp, 0L), log.logEndOffset()));
                    return log;
                }));
            }
            for (Future<PartitionLog> load : loads) register(awaitLoad(load));
        } finally {
            loaders.shutdownNow(); // idle by now, unless a load failed and the start is given up
        }
        CleanShutdownMarker.delete(logDir);
    }

    private static PartitionLog awaitLoad(Future<PartitionLog> load) throws IOException {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while loading logs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }

    static Optional<TopicPartition> parseTopicPartition(String dirName) {
        // The metadata log shares the log dir (as in Kafka) but is not a partition of ours to load.
        if (dirName.startsWith(Topic.CLUSTER_METADATA_TOPIC_NAME + "-") || dirName.endsWith("-stray")
                || dirName.endsWith("-future")) {
            return Optional.empty();
        }
        int dash = dirName.lastIndexOf('-');
        if (dash <= 0) return Optional.empty();
        try {
            return Optional.of(new TopicPartition(dirName.substring(0, dash),
                    Integer.parseInt(dirName.substring(dash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Log dirs taken offline by an I/O error since start-up. */
    public Set<Path> offlineLogDirs() {
        return offlineDirs.dirs();
    }

    /** Whether the partition's log was in a log dir that failed (it is not served, nor created elsewhere). */
    public boolean isOffline(TopicPartition tp) {
        return offlineDirs.containsPartition(tp);
    }

    public void addLogDirFailureListener(LogDirFailureListener listener) {
        offlineDirs.addListener(listener);
    }

    /** An I/O operation of the log in {@code partitionDir} failed (reported through {@link LogServices}). */
    private void onIoFailure(File partitionDir, Throwable cause) {
        PartitionLog log = null;
        for (PartitionLog candidate : logs.values()) {
            if (candidate.dir().equals(partitionDir)) {
                log = candidate;
            }
        }
        if (log != null && !log.isClosed()) { // a deleted or closing log's errors are not the disk's
            logDirFailed(logDirOf(partitionDir), cause);
        }
    }

    /**
     * Takes {@code dir} offline after an I/O error (Kafka's log dir failure): its logs are closed at once, so every
     * later append or read of their partitions fails with KAFKA_STORAGE_ERROR, no log is created there again, and
     * the listeners hear of it. A full disk does not count: see {@link OfflineLogDirs#isDirFailure}.
     */
    void logDirFailed(Path dir, Throwable cause) {
        if (closed || !config.logDirs().contains(dir) || !OfflineLogDirs.isDirFailure(cause)) {
            return;
        }
        List<PartitionLog> failed;
        synchronized (createLock) {
            failed = logsIn(dir);
            Set<TopicPartition> partitions = new HashSet<>();
            failed.forEach(log -> partitions.add(log.topicPartition()));
            if (!offlineDirs.add(dir, partitions)) {
                return;
            }
            for (PartitionLog log : failed) {
                log.markOffline();
                logs.remove(log.topicPartition(), log);
                compactions.remove(log.topicPartition());
            }
        }
        LOG.error("Log dir {} failed: {}. Its {} partition(s) are offline; the other log dirs keep serving",
                dir, cause.toString(), failed.size());
        Runnable closeAndNotify = () -> {
            failed.forEach(PartitionLog::closeForDelete);
            offlineDirs.notifyFailed(dir);
        };
        try {
            scheduler.execute(closeAndNotify);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down: log dir {} failure not propagated", dir);
        }
    }

    private void register(PartitionLog log) {
        logs.put(log.topicPartition(), log);
        compactions.put(log.topicPartition(), log.cleanable());
    }

    private void scheduleBackgroundWork() {
        scheduler.scheduleWithFixedDelay(guard(this::runRetention), config.retentionCheckIntervalMs(),
                config.retentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
        if (config.flushSchedulerIntervalMs() < Long.MAX_VALUE / 2) {
            scheduler.scheduleWithFixedDelay(guard(this::flushDueLogs), config.flushSchedulerIntervalMs(),
                    config.flushSchedulerIntervalMs(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(guard(this::checkpointAll), config.flushOffsetCheckpointIntervalMs(),
                config.flushOffsetCheckpointIntervalMs(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guard(this::checkpointHighWatermarks),
                config.highWatermarkCheckpointIntervalMs(), config.highWatermarkCheckpointIntervalMs(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guard(this::expireProducers), config.producerIdExpirationCheckIntervalMs(),
                config.producerIdExpirationCheckIntervalMs(), TimeUnit.MILLISECONDS);
        if (config.cleanerEnable()) {
            scheduleCleaner();
        }
    }

    /** Applies settings changed at run time: the next cleaner pause and producer-expiration check use them. */
    public void reconfigure(DynamicStorageConfig settings) {
        DynamicStorageConfig previous = dynamic;
        dynamic = settings;
        if (!settings.equals(previous)) {
            LOG.info("Storage settings changed at run time: {}", settings);
        }
    }

    /** One cleaner pass after the current backoff, then the next: a backoff changed meanwhile applies next time. */
    private void scheduleCleaner() {
        try {
            cleanerThread.schedule(() -> {
                guard(this::runCleaner).run();
                if (!closed) {
                    scheduleCleaner();
                }
            }, dynamic.cleanerBackoffMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Background storage task failed", e);
            }
        };
    }

    public Map<TopicPartition, PartitionLog> logs() {
        return Map.copyOf(logs);
    }

    public Optional<PartitionLog> getLog(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    /** Returns the log, creating its directory and partition.metadata in the least-loaded log dir if needed. */
    public PartitionLog getOrCreateLog(TopicPartition tp, Uuid topicId, LogConfig logConfig) {
        PartitionLog existing = logs.get(tp);
        if (existing == null) {
            synchronized (createLock) {
                existing = logs.get(tp);
                if (existing == null) return createLog(tp, topicId, logConfig);
            }
        }
        if (!existing.topicId().equals(topicId) && !existing.topicId().equals(Uuid.ZERO_UUID))
            throw new InconsistentTopicIdException("Log for " + tp + " has topic id " + existing.topicId()
                    + ", not " + topicId);
        return existing;
    }

    /**
     * A log to create: see {@link #createLogs}. {@code leaderEpoch}: the epoch in which this replica leads the new
     * partition from offset 0 (recorded in the leader-epoch checkpoint as the log is made, as becoming leader would
     * one partition after the other), or -1.
     */
    public record NewLog(TopicPartition tp, Uuid topicId, LogConfig config, int leaderEpoch) { }

    /**
     * Creates the logs of those not existing yet, several at a time (each costs a few fsyncs, its partition.metadata
     * and directory; one at a time, a topic of 10,000 partitions took minutes). Each goes to the least-loaded log
     * dir, counting those created before it. A log dir that fails meanwhile is taken offline once every log made
     * is registered, as {@link #getOrCreateLog} does, with the logs in it; the others stay.
     */
    public void createLogs(Collection<NewLog> wanted) {
        synchronized (createLock) {
            if (closed) return;
            LogDirLoads loads = new LogDirLoads();
            Map<NewLog, Path> toCreate = new LinkedHashMap<>();
            for (NewLog log : wanted) {
                if (logs.containsKey(log.tp()) || offlineDirs.containsPartition(log.tp())) continue;
                toCreate.put(log, loads.takeLeastLoaded());
            }
            if (toCreate.isEmpty()) return;
            ExecutorService creators = Executors.newFixedThreadPool(Math.min(CREATE_THREADS, toCreate.size()),
                    namedThreads("tributary-log-create"));
            Map<Path, Exception> failedDirs = new LinkedHashMap<>();
            try {
                List<Future<PartitionLog>> created = new ArrayList<>();
                toCreate.forEach((log, dir) -> created.add(creators.submit(() -> {
                    PartitionLog made = createOnDisk(log.tp(), log.topicId(), log.config(), dir);
                    try {
                        if (log.leaderEpoch() >= 0) made.assignEpochStartOffset(log.leaderEpoch(), 0L);
                    } catch (RuntimeException e) {
                        made.closeForDelete(); // not registered: its files would stay open
                        throw e;
                    }
                    return made;
                })));
                int i = 0;
                for (Map.Entry<NewLog, Path> entry : toCreate.entrySet()) {
                    try {
                        register(created.get(i++).get());
                    } catch (ExecutionException e) {
                        LOG.error("Cannot create log for {}: {}", entry.getKey().tp(), e.getCause().toString());
                        failedDirs.putIfAbsent(entry.getValue(), e.getCause() instanceof Exception cause ? cause : e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                creators.shutdown();
            }
            failedDirs.forEach(this::logDirFailed);
        }
    }

    private PartitionLog createLog(TopicPartition tp, Uuid topicId, LogConfig logConfig) {
        if (closed) throw new KafkaStorageException("Log manager is closed");
        if (offlineDirs.containsPartition(tp)) {
            throw new KafkaStorageException("The log of " + tp + " is in an offline log dir");
        }
        Path logDir = new LogDirLoads().takeLeastLoaded();
        try {
            PartitionLog log = createOnDisk(tp, topicId, logConfig, logDir);
            register(log);
            return log;
        } catch (IOException | UncheckedIOException e) {
            logDirFailed(logDir, e);
            throw new KafkaStorageException("Cannot create log for " + tp + ": " + e.getMessage(), e);
        }
    }

    /** Makes the log's directory, partition.metadata and first segment; does not register it. */
    private PartitionLog createOnDisk(TopicPartition tp, Uuid topicId, LogConfig logConfig, Path logDir)
            throws IOException {
        Path dir = logDir.resolve(tp.topic() + "-" + tp.partition());
        Files.createDirectories(dir);
        PartitionMetadataFile.write(dir, topicId);
        PartitionLog log = PartitionLog.load(dir.toFile(), tp, topicId, logConfig, time, services, true, 0L, 0L, 0L);
        LOG.info("Created log for {} in {}", tp, dir);
        return log;
    }

    /** How many logs each online log dir holds, counted once, for placing new logs one after another. */
    private final class LogDirLoads {
        private final Map<Path, Integer> counts = new LinkedHashMap<>();

        LogDirLoads() {
            for (Path dir : config.logDirs()) if (!offlineDirs.contains(dir)) counts.put(dir, 0);
            if (counts.isEmpty()) throw new KafkaStorageException("Every log dir is offline: " + offlineDirs.dirs());
            // One dir to choose from: no count of every log (per created log, that made a topic of N partitions N²)
            if (counts.size() > 1) {
                for (PartitionLog log : logs.values()) counts.computeIfPresent(logDirOf(log), (dir, n) -> n + 1);
            }
        }

        /** The dir with fewest logs (the first listed among equals); it counts one more from now on. */
        Path takeLeastLoaded() {
            Path best = null;
            for (Map.Entry<Path, Integer> e : counts.entrySet()) {
                if (best == null || e.getValue() < counts.get(best)) best = e.getKey();
            }
            counts.merge(best, 1, Integer::sum);
            return best;
        }
    }

    private static Path logDirOf(PartitionLog log) {
        return logDirOf(log.dir());
    }

    private static Path logDirOf(File partitionDir) {
        return partitionDir.getParentFile().toPath();
    }

    /** Renames the directory to {@code <name>.<uuid>-delete} now and removes it after file.delete.delay.ms. */
    public void deleteLog(TopicPartition tp) {
        deleteLogs(List.of(tp));
    }

    /**
     * {@link #deleteLog} for many partitions (a deleted topic): every directory is renamed, then each log dir
     * they were in has its checkpoints written once, without them, as Kafka's asyncDelete of many partitions does.
     * Written per partition, deleting a topic of N partitions cost N checkpoint rounds of up to N lines each
     * (N² lines, 8 fsyncs per partition). A partition whose directory cannot be renamed fails the call once the
     * others are done.
     */
    public void deleteLogs(Collection<TopicPartition> partitions) {
        Set<Path> changedDirs = new HashSet<>();
        KafkaStorageException failure = null;
        for (TopicPartition tp : partitions) {
            offlineDirs.forget(tp);
            PartitionLog log = logs.remove(tp);
            compactions.remove(tp);
            if (log == null) continue;
            log.closeForDelete();
            Path dir = log.dir().toPath();
            Path target = dir.resolveSibling(dir.getFileName() + "." + UUID.randomUUID().toString().replace("-", "")
                    + DELETE_DIR_SUFFIX);
            try {
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (failure == null) {
                    failure = new KafkaStorageException("Cannot delete log of " + tp + ": " + e.getMessage(), e);
                }
                continue;
            }
            changedDirs.add(logDirOf(log));
            services.schedule(() -> {
                try {
                    Utils.delete(target.toFile());
                } catch (IOException e) {
                    LOG.warn("Could not remove {}", target, e);
                }
            }, log.config().fileDeleteDelayMs());
        }
        for (Path logDir : changedDirs) {
            try {
                checkpoints.get(logDir).writeAll(logsIn(logDir));
            } catch (IOException e) {
                if (failure == null) {
                    failure = new KafkaStorageException("Cannot write the checkpoints of " + logDir + " after deleting "
                            + "logs: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) throw failure;
    }

    public void updateConfig(TopicPartition tp, LogConfig logConfig) {
        PartitionLog log = logs.get(tp);
        if (log != null) log.updateConfig(logConfig);
    }

    /** One retention pass over all logs (normally every log.retention.check.interval.ms). */
    public void runRetention() {
        for (PartitionLog log : logs.values()) log.deleteOldSegments();
    }

    /** One compaction pass over compacted logs (normally every log.cleaner.backoff.ms). */
    public void runCleaner() {
        for (PartitionCompaction compaction : compactions.values()) {
            try {
                cleaner.maybeClean(compaction, time.milliseconds());
            } catch (IOException e) {
                LOG.error("Cleaning {} failed", compaction.topicPartition(), e);
            }
        }
    }

    private void flushDueLogs() {
        long now = time.milliseconds();
        for (PartitionLog log : logs.values()) log.flushIfDue(now);
    }

    private void expireProducers() {
        long now = time.milliseconds();
        for (PartitionLog log : logs.values()) log.removeExpiredProducers(now, dynamic.producerIdExpirationMs());
    }

    private List<PartitionLog> logsIn(Path logDir) {
        List<PartitionLog> result = new ArrayList<>();
        for (PartitionLog log : logs.values()) if (logDirOf(log).equals(logDir)) result.add(log);
        return result;
    }

    private void checkpointLogStartOffsets(File changedPartitionDir) {
        Path dir = logDirOf(changedPartitionDir);
        try {
            checkpoints.get(dir).writeLogStartOffsets(logsIn(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every checkpoint file (normally every log.flush.offset.checkpoint.interval.ms). */
    /** Saves every log dir's high watermarks (more often than the other checkpoints, as Kafka does). */
    void checkpointHighWatermarks() {
        for (Map.Entry<Path, LogDirCheckpoints> e : checkpoints.entrySet()) {
            if (offlineDirs.contains(e.getKey())) continue;
            try {
                e.getValue().writeHighWatermarks(logsIn(e.getKey()));
            } catch (IOException | UncheckedIOException ex) {
                LOG.error("Writing the high-watermark checkpoint in {} failed", e.getKey(), ex);
                logDirFailed(e.getKey(), ex);
            }
        }
    }

    public void checkpointAll() {
        for (Map.Entry<Path, LogDirCheckpoints> e : checkpoints.entrySet()) {
            if (offlineDirs.contains(e.getKey())) continue;
            try {
                e.getValue().writeAll(logsIn(e.getKey()));
            } catch (IOException | UncheckedIOException ex) {
                LOG.error("Writing checkpoints in {} failed", e.getKey(), ex);
                logDirFailed(e.getKey(), ex);
            }
        }
    }

    /** Clean stop: flush everything, snapshot producer state, write checkpoints and the clean-shutdown marker. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        // shutdown(), not shutdownNow(): interrupting a thread inside FileChannel I/O closes the channel for good
        cleanerThread.shutdown();
        scheduler.shutdown();
        awaitQuietly(cleanerThread);
        awaitQuietly(scheduler);
        flusher.close();
        boolean allClosed = closeLogs();
        for (Map.Entry<Path, LogDirCheckpoints> e : checkpoints.entrySet()) {
            if (offlineDirs.contains(e.getKey())) continue; // recovered at the next start, if it comes back
            try {
                e.getValue().writeAll(logsIn(e.getKey()));
                if (allClosed) CleanShutdownMarker.write(e.getKey(), brokerEpoch.getAsLong());
            } catch (IOException ex) {
                LOG.error("Writing shutdown state in {} failed", e.getKey(), ex);
            }
        }
    }

    /**
     * Closes every log (each flushes, and writes its producer snapshot: a few fsyncs), on
     * num.recovery.threads.per.data.dir threads per log dir, as Kafka's shutdown does: one after the other, a broker
     * of 10,000 partitions took 20-45 s to stop. False if one failed.
     */
    private boolean closeLogs() {
        Map<Path, List<PartitionLog>> byDir = new LinkedHashMap<>();
        for (PartitionLog log : logs.values()) byDir.computeIfAbsent(logDirOf(log), d -> new ArrayList<>()).add(log);
        List<ExecutorService> pools = new ArrayList<>();
        List<Future<Boolean>> closes = new ArrayList<>();
        for (List<PartitionLog> dirLogs : byDir.values()) {
            ExecutorService pool = Executors.newFixedThreadPool(
                    Math.min(config.recoveryThreadsPerDataDir(), dirLogs.size()), namedThreads("tributary-log-close"));
            pools.add(pool);
            for (PartitionLog log : dirLogs) closes.add(pool.submit(() -> closeQuietly(log)));
        }
        boolean allClosed = true;
        try {
            for (Future<Boolean> close : closes) allClosed &= close.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allClosed = false;
        } catch (ExecutionException e) {
            allClosed = false; // closeQuietly catches what a close throws; an Error is all that gets here
            LOG.error("Closing a log failed", e.getCause());
        } finally {
            pools.forEach(ExecutorService::shutdown);
        }
        return allClosed;
    }

    private static boolean closeQuietly(PartitionLog log) {
        try {
            log.close();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("Closing {} failed", log, e);
            return false;
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pending delayed and periodic tasks are dropped at shutdown; whatever they would do is redone at startup. */
    private static ScheduledThreadPoolExecutor newScheduler(int threads, String prefix) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, namedThreads(prefix));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
