package io.tributary.metadata.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * The identity of a metadata directory ({@code meta.properties}): the cluster id and node id it belongs to, and
 * the directory's own id ({@code directory.id}, KIP-853: a voter is known by node id and directory id, so a
 * controller that comes back with an empty directory is not taken for the one that had the data). Written once when
 * the directory is first used, then only checked, so a node can never silently join a different cluster with old
 * data; a file from before directory ids gets one added once. Kafka's {@code kafka-metadata-quorum add-controller}
 * reads this file.
 */
public record MetaProperties(String clusterId, int nodeId, Uuid directoryId) {

    public static final String FILE_NAME = "meta.properties";

    /**
     * Loads the properties of {@code dir}, or creates them with {@code clusterId} (a fresh random id if null).
     *
     * @throws IOException if the directory belongs to another node or cluster
     */
    public static MetaProperties loadOrCreate(Path dir, int nodeId, String clusterId) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            MetaProperties existing = load(file);
            if (existing.nodeId != nodeId) {
                throw new IOException("Metadata directory " + dir + " belongs to node " + existing.nodeId
                    + ", not " + nodeId);
            }
            if (clusterId != null && !clusterId.equals(existing.clusterId)) {
                throw new IOException("Metadata directory " + dir + " belongs to cluster " + existing.clusterId
                    + ", not " + clusterId);
            }
            if (existing.directoryId == null) {
                existing = new MetaProperties(existing.clusterId, existing.nodeId, newDirectoryId());
                existing.write(dir);
            }
            return existing;
        }
        String id = clusterId == null ? Uuid.randomUuid().toString() : clusterId;
        MetaProperties created = new MetaProperties(id, nodeId, newDirectoryId());
        created.write(dir);
        return created;
    }

    private static MetaProperties load(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        String clusterId = props.getProperty("cluster.id");
        String nodeId = props.getProperty("node.id");
        if (clusterId == null || nodeId == null) {
            throw new IOException("Incomplete " + file + ": cluster.id and node.id are required");
        }
        String directoryId = props.getProperty("directory.id");
        return new MetaProperties(clusterId, Integer.parseInt(nodeId.trim()),
            directoryId == null ? null : Uuid.fromString(directoryId.trim()));
    }

    /** As Kafka's: random, and never one of the ids reserved for special meanings (the first 100). */
    private static Uuid newDirectoryId() {
        Uuid id;
        do {
            id = Uuid.randomUuid();
        } while (id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() < 100);
        return id;
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("version", "1");
        props.setProperty("cluster.id", clusterId);
        props.setProperty("node.id", Integer.toString(nodeId));
        props.setProperty("directory.id", directoryId.toString());
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            props.store(out, null);
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
