package io.tributary.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A broker's static configuration, read from Kafka-style properties with Kafka's names and defaults. Keys the
 * broker doesn't use are kept (DescribeConfigs shows them as static broker configs) and otherwise ignored.
 */
public final class ServerConfig {

    public static final String NODE_ID = "node.id";
    public static final String BROKER_ID = "broker.id";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String METADATA_LOG_DIR = "metadata.log.dir";
    public static final String DURABLE = "tributary.durable";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String FETCH_SESSION_CACHE_SLOTS = "max.incremental.fetch.session.cache.slots";
    public static final String BROKER_RACK = "broker.rack";

    private final Map<String, String> values;

    private ServerConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static ServerConfig of(Properties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
        return new ServerConfig(values);
    }

    public static ServerConfig fromFile(Path file, Map<String, String> overrides) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        overrides.forEach(properties::setProperty);
        return of(properties);
    }

    /** Every key as given (the original strings), for config describers and the metadata layer. */
    public Map<String, String> originals() {
        return values;
    }

    public int nodeId() {
        String id = values.getOrDefault(NODE_ID, values.get(BROKER_ID));
        return id == null ? 1 : Integer.parseInt(id);
    }

    public String listeners() {
        return values.getOrDefault(LISTENERS, "PLAINTEXT://localhost:9092");
    }

    /** advertised.listeners, defaulting to listeners (as Kafka does). */
    public String advertisedListeners() {
        return values.getOrDefault(ADVERTISED_LISTENERS, listeners());
    }

    public List<Path> logDirs() {
        String dirs = values.getOrDefault(LOG_DIRS, values.getOrDefault(LOG_DIR, "./data/kafka-logs"));
        List<Path> paths = new ArrayList<>();
        for (String dir : dirs.split(",")) {
            if (!dir.isBlank()) {
                paths.add(Path.of(dir.trim()).toAbsolutePath().normalize());
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(LOG_DIRS + " must name at least one directory");
        }
        return paths;
    }

    /** Where the metadata log lives: metadata.log.dir, else the first log dir (as in Kafka). */
    public Path metadataLogDir() {
        String dir = values.get(METADATA_LOG_DIR);
        return dir == null ? logDirs().get(0) : Path.of(dir).toAbsolutePath().normalize();
    }

    public boolean durable() {
        return bool(DURABLE, false);
    }

    public boolean autoCreateTopicsEnable() {
        return bool(AUTO_CREATE_TOPICS_ENABLE, true);
    }

    public String rack() {
        return values.get(BROKER_RACK);
    }

    public int intValue(String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    public long longValue(String key, long fallback) {
        String value = values.get(key);
        return value == null ? fallback : Long.parseLong(value);
    }

    public boolean bool(String key, boolean fallback) {
        String value = values.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }
}
