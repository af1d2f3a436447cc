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
 * The identity of a metadata directory ({@code meta.properties}): the cluster id and node id it belongs to.
 * Written once when the directory is first used, then only checked, so a node can never silently join a
 * different cluster with old data.
 */
public record MetaProperties(String clusterId, int nodeId) {

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
            return existing;
        }
        MetaProperties created = new MetaProperties(clusterId == null ? Uuid.randomUuid().toString() : clusterId, nodeId);
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
        return new MetaProperties(clusterId, Integer.parseInt(nodeId.trim()));
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("version", "1");
        props.setProperty("cluster.id", clusterId);
        props.setProperty("node.id", Integer.toString(nodeId));
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
