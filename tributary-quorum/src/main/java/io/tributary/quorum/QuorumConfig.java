package io.tributary.quorum;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.snapshot.SnapshotPolicy;

/**
 * How one controller joins the metadata quorum.
 *
 * @param nodeId             this controller's {@code node.id}; must be one of the voters when they are given
 * @param voters             every voter's id and Raft address ({@code controller.quorum.voters}), the same on all
 *                           nodes; empty for a controller that waits to be added to the committed configuration
 *                           (KIP-853, {@code controller.quorum.bootstrap.servers})
 * @param dataDir            where Ratis keeps this node's Raft log and term/vote metadata
 * @param electionTimeoutMin lower bound of the randomized election timeout
 * @param electionTimeoutMax upper bound of the randomized election timeout
 * @param appendTimeout      how long {@link MetadataQuorum#append} waits for a majority before failing
 * @param bindAddress        where this node's Raft server listens (its controller listener), or null for its own
 *                           entry in {@code voters}; the voters list is where the others connect, which differs
 *                           when a proxy or NAT sits in between, as in Kafka
 * @param snapshots          when the image is snapshotted (Kafka's {@code metadata.log.max.*} settings)
 * @param segmentBytes       size of a Raft log segment; closed segments a snapshot covers are purged
 * @param directoryId        the directory id of this node's metadata log directory ({@code meta.properties})
 */
public record QuorumConfig(int nodeId, Map<Integer, InetSocketAddress> voters, Path dataDir,
                           Duration electionTimeoutMin, Duration electionTimeoutMax, Duration appendTimeout,
                           InetSocketAddress bindAddress, SnapshotPolicy snapshots, long segmentBytes,
                           Uuid directoryId) {

    /** Ratis's default segment size. */
    public static final long DEFAULT_SEGMENT_BYTES = 32L * 1024 * 1024;

    public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(1000);
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(2000);
    public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(30);

    public QuorumConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(snapshots, "snapshots");
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segment size must be positive, got " + segmentBytes);
        }
        Objects.requireNonNull(directoryId, "directoryId");
        voters = Map.copyOf(voters);
        if (!voters.isEmpty() && !voters.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the voters " + voters.keySet());
        }
        if (electionTimeoutMin.isNegative() || electionTimeoutMin.isZero()
            || electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("election timeout must satisfy 0 < min < max, got "
                + electionTimeoutMin + " and " + electionTimeoutMax);
        }
        if (appendTimeout.isNegative() || appendTimeout.isZero()) {
            throw new IllegalArgumentException("append timeout must be positive, got " + appendTimeout);
        }
    }

    public QuorumConfig(int nodeId, Map<Integer, InetSocketAddress> voters, Path dataDir,
                        Duration electionTimeoutMin, Duration electionTimeoutMax, Duration appendTimeout,
                        InetSocketAddress bindAddress) {
        this(nodeId, voters, dataDir, electionTimeoutMin, electionTimeoutMax, appendTimeout, bindAddress,
            SnapshotPolicy.DEFAULT, DEFAULT_SEGMENT_BYTES, Uuid.ZERO_UUID);
    }

    /** Listening on this node's own entry of {@code voters}. */
    public QuorumConfig(int nodeId, Map<Integer, InetSocketAddress> voters, Path dataDir,
                        Duration electionTimeoutMin, Duration electionTimeoutMax, Duration appendTimeout) {
        this(nodeId, voters, dataDir, electionTimeoutMin, electionTimeoutMax, appendTimeout, null);
    }

    /** A config with the default timeouts. */
    public static QuorumConfig of(int nodeId, Map<Integer, InetSocketAddress> voters, Path dataDir) {
        return new QuorumConfig(nodeId, voters, dataDir, DEFAULT_ELECTION_TIMEOUT_MIN, DEFAULT_ELECTION_TIMEOUT_MAX,
            DEFAULT_APPEND_TIMEOUT);
    }

    public QuorumConfig withElectionTimeout(Duration min, Duration max) {
        return new QuorumConfig(nodeId, voters, dataDir, min, max, appendTimeout, bindAddress, snapshots,
            segmentBytes, directoryId);
    }

    public QuorumConfig withAppendTimeout(Duration timeout) {
        return new QuorumConfig(nodeId, voters, dataDir, electionTimeoutMin, electionTimeoutMax, timeout, bindAddress,
            snapshots, segmentBytes, directoryId);
    }

    /** Listening on {@code address} (the controller listener) rather than on this node's voter address. */
    public QuorumConfig withBindAddress(InetSocketAddress address) {
        return new QuorumConfig(nodeId, voters, dataDir, electionTimeoutMin, electionTimeoutMax, appendTimeout,
            address, snapshots, segmentBytes, directoryId);
    }

    /** Snapshotting as {@code policy} says, over Raft log segments of {@code bytes}. */
    public QuorumConfig withSnapshots(SnapshotPolicy policy, long bytes) {
        return new QuorumConfig(nodeId, voters, dataDir, electionTimeoutMin, electionTimeoutMax, appendTimeout,
            bindAddress, policy, bytes, directoryId);
    }

    /** This node's metadata directory id, which it is known by once added as a voter. */
    public QuorumConfig withDirectoryId(Uuid id) {
        return new QuorumConfig(nodeId, voters, dataDir, electionTimeoutMin, electionTimeoutMax, appendTimeout,
            bindAddress, snapshots, segmentBytes, id);
    }

    /** A controller started without {@code controller.quorum.voters}: it waits until a leader adds it. */
    public boolean joining() {
        return voters.isEmpty();
    }

    /** Where this node's Raft server listens: the bind address if given, else its own voter address. */
    public InetSocketAddress localAddress() {
        InetSocketAddress local = bindAddress != null ? bindAddress : voters.get(nodeId);
        if (local == null) {
            throw new IllegalStateException("node " + nodeId + " is not a static voter and has no bind address");
        }
        return local;
    }

    /**
     * Parses Kafka's {@code controller.quorum.voters} syntax: {@code id@host:port} entries separated by commas.
     * IPv6 hosts are written in brackets, {@code 1@[::1]:9093}. Insertion order is kept.
     */
    public static Map<Integer, InetSocketAddress> parseVoters(String voters) {
        Map<Integer, InetSocketAddress> parsed = new LinkedHashMap<>();
        for (String entry : voters.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int at = trimmed.indexOf('@');
            int colon = trimmed.lastIndexOf(':');
            if (at <= 0 || colon < at + 2 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("voter '" + trimmed + "' is not of the form id@host:port");
            }
            int id = parseNumber(trimmed.substring(0, at), trimmed);
            String host = trimmed.substring(at + 1, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = parseNumber(trimmed.substring(colon + 1), trimmed);
            if (parsed.put(id, InetSocketAddress.createUnresolved(host, port)) != null) {
                throw new IllegalArgumentException("voter id " + id + " appears twice in '" + voters + "'");
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no voters in '" + voters + "'");
        }
        return parsed;
    }

    private static int parseNumber(String text, String entry) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("voter '" + entry + "' has a bad number '" + text + "'", e);
        }
    }
}
