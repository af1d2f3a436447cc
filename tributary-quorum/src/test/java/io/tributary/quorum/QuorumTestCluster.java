package io.tributary.quorum;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.snapshot.SnapshotPolicy;
import io.tributary.metadata.record.TopicRecord;

/** Three in-process voters on loopback ports, each with its own data dir, that can be stopped and restarted. */
final class QuorumTestCluster implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** Short enough for fast failover, long enough not to churn on a loaded 2-core machine. */
    private static final Duration ELECTION_MIN = Duration.ofMillis(400);
    private static final Duration ELECTION_MAX = Duration.ofMillis(800);
    private Duration electionMin = ELECTION_MIN;
    private Duration electionMax = ELECTION_MAX;

    private final Map<Integer, InetSocketAddress> voters = new LinkedHashMap<>();
    /** Controllers started without the static voters (KIP-853), waiting to be added: their Raft address. */
    private final Map<Integer, InetSocketAddress> joiners = new LinkedHashMap<>();
    private final Map<Integer, Uuid> directoryIds = new HashMap<>();
    private final Path baseDir;
    private final Duration appendTimeout;
    private final Map<Integer, MetadataQuorum> running = new HashMap<>();
    private final Map<Integer, RecordingListener> listeners = new HashMap<>();
    private final Map<Integer, ImageFeeder> feeders = new HashMap<>();
    private final SnapshotPolicy snapshots;
    private final long segmentBytes;

    QuorumTestCluster(Path baseDir, Duration appendTimeout) {
        this(baseDir, appendTimeout, null, QuorumConfig.DEFAULT_SEGMENT_BYTES);
    }

    /**
     * With a snapshot policy, each voter's batches also build an image that is handed back to its quorum (as the
     * controller does), so snapshots are taken; {@code segmentBytes} sizes the Raft log segments.
     */
    QuorumTestCluster(Path baseDir, Duration appendTimeout, SnapshotPolicy snapshots, long segmentBytes) {
        this.baseDir = baseDir;
        this.appendTimeout = appendTimeout;
        this.snapshots = snapshots;
        this.segmentBytes = segmentBytes;
        for (int id = 1; id <= 3; id++) {
            voters.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        }
    }

    /** Voters started from now on use this randomized election timeout. */
    QuorumTestCluster withElectionTimeout(Duration min, Duration max) {
        this.electionMin = min;
        this.electionMax = max;
        return this;
    }

    QuorumTestCluster startAll() {
        voters.keySet().forEach(this::start);
        return this;
    }

    /**
     * Starts a controller that is not among the static voters: with no voters at all, so it waits until a leader
     * adds it. Later {@link #start} calls of this id start it the same way.
     */
    MetadataQuorum startJoining(int id, Uuid directoryId) {
        joiners.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        directoryIds.put(id, directoryId);
        return start(id);
    }

    /** A joined controller's next start listens on a new port (its controller listener moved). */
    InetSocketAddress moveJoiner(int id) {
        InetSocketAddress moved = new InetSocketAddress("127.0.0.1", freePort());
        joiners.put(id, moved);
        return moved;
    }

    /** Where a joining controller's Raft server listens. */
    InetSocketAddress joinerAddress(int id) {
        return joiners.get(id);
    }

    /** Starts a voter on its own data dir with a fresh listener. */
    MetadataQuorum start(int id) {
        RecordingListener listener = new RecordingListener();
        boolean joining = joiners.containsKey(id);
        QuorumConfig config = QuorumConfig.of(id, joining ? Map.of() : voters, dataDir(id))
            .withElectionTimeout(electionMin, electionMax)
            .withAppendTimeout(appendTimeout)
            .withDirectoryId(directoryIds.getOrDefault(id, Uuid.ZERO_UUID));
        if (joining) {
            config = config.withBindAddress(joiners.get(id));
        }
        if (snapshots != null) {
            config = config.withSnapshots(snapshots, segmentBytes);
        }
        try {
            MetadataQuorum quorum;
            if (snapshots != null) {
                ImageFeeder feeder = new ImageFeeder(listener);
                quorum = MetadataQuorum.start(config, feeder);
                feeder.feed(quorum);
                feeders.put(id, feeder);
            } else {
                quorum = MetadataQuorum.start(config, listener);
            }
            running.put(id, quorum);
            listeners.put(id, listener);
            return quorum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dataDir(int id) {
        return baseDir.resolve("node-" + id);
    }

    /** The image voter {@code id} built (only with a snapshot policy). */
    io.tributary.metadata.image.MetadataImage image(int id) {
        return feeders.get(id).image();
    }

    void stop(int id) {
        try {
            ImageFeeder feeder = feeders.remove(id);
            if (feeder != null) {
                feeder.close();
            }
            running.remove(id).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MetadataQuorum node(int id) {
        return running.get(id);
    }

    RecordingListener listener(int id) {
        return listeners.get(id);
    }

    List<Integer> runningIds() {
        return running.keySet().stream().sorted().toList();
    }

    /** Waits until a running voter is the ready leader and every running voter knows it. */
    MetadataQuorum awaitLeader() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(this::agreedLeader, q -> q != null);
    }

    private MetadataQuorum agreedLeader() {
        for (MetadataQuorum candidate : running.values()) {
            if (candidate.isLeader() && running.values().stream()
                .allMatch(q -> q.leaderId().equals(OptionalInt.of(candidate.nodeId())))) {
                return candidate;
            }
        }
        return null;
    }

    MetadataQuorum aFollowerOf(MetadataQuorum leader) {
        return running.values().stream().filter(q -> q != leader).findFirst().orElseThrow();
    }

    static List<MetadataRecord> batch(String... topics) {
        return java.util.Arrays.stream(topics)
            .<MetadataRecord>map(name -> new TopicRecord(name, Uuid.randomUuid()))
            .toList();
    }

    @Override
    public void close() {
        for (Integer id : List.copyOf(running.keySet())) {
            stop(id);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
