package io.tributary.metadata.config;

import static io.tributary.metadata.config.ServerConfigDefinitions.ADVERTISED_LISTENERS;
import static io.tributary.metadata.config.ServerConfigDefinitions.BROKER_ID;
import static io.tributary.metadata.config.ServerConfigDefinitions.LISTENERS;
import static io.tributary.metadata.config.ServerConfigDefinitions.LOG_DIR;
import static io.tributary.metadata.config.ServerConfigDefinitions.LOG_DIRS;
import static io.tributary.metadata.config.ServerConfigDefinitions.METADATA_LOG_DIR;
import static io.tributary.metadata.config.ServerConfigDefinitions.NODE_ID;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * A broker's settings, read through {@link BrokerConfigDefinitions}: every value parsed and validated once, at
 * construction, so a bad value fails with Kafka's {@link ConfigException} naming the key, the value and what is
 * allowed. Modules get their typed settings from the getters (the keys are the definitions' constants).
 */
public final class BrokerConfig extends AbstractConfig {

    private final Map<String, String> staticConfig;

    public BrokerConfig(Map<String, ?> originals) {
        super(BrokerConfigDefinitions.DEFINITION, trimmed(originals), false);
        this.staticConfig = trimmed(originals);
        logDirs(); // an empty log.dirs fails here, not when storage starts
    }

    /** Kafka trims what server.properties says; so do we, for values and for what DescribeConfigs shows. */
    private static Map<String, String> trimmed(Map<String, ?> originals) {
        Map<String, String> values = new LinkedHashMap<>();
        originals.forEach((k, v) -> values.put(k.trim(), v == null ? null : v.toString().trim()));
        return values;
    }

    /** Every key as given, as strings: the STATIC_BROKER_CONFIG of DescribeConfigs. */
    public Map<String, String> staticConfig() {
        return staticConfig;
    }

    /** Keys this broker does not know (not even as a listener override of a known key): Kafka logs them as unused. */
    public Set<String> unknownNames() {
        Set<String> unknown = new TreeSet<>();
        for (String name : staticConfig.keySet()) {
            if (BrokerConfigDefinitions.keyOrListenerBase(name).isEmpty()
                    && !name.startsWith(ConsoleConfigDefinitions.CONSOLE_CLIENT_PREFIX)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** node.id, else broker.id when only that is set. */
    public int nodeId() {
        if (!originals().containsKey(NODE_ID) && getInt(BROKER_ID) != null) {
            return getInt(BROKER_ID);
        }
        return getInt(NODE_ID);
    }

    public String listeners() {
        return getString(LISTENERS);
    }

    /** advertised.listeners, defaulting to listeners (as Kafka does). */
    public String advertisedListeners() {
        String advertised = getString(ADVERTISED_LISTENERS);
        return advertised == null ? listeners() : advertised;
    }

    public List<Path> logDirs() {
        String dirs = getString(LOG_DIRS) != null ? getString(LOG_DIRS) : getString(LOG_DIR);
        List<Path> paths = new ArrayList<>();
        for (String dir : dirs.split(",")) {
            if (!dir.isBlank()) {
                paths.add(Path.of(dir.trim()).toAbsolutePath().normalize());
            }
        }
        if (paths.isEmpty()) {
            throw new ConfigException(LOG_DIRS, dirs, "must name at least one directory");
        }
        return paths;
    }

    /** Where the metadata log lives: metadata.log.dir, else the first log dir (as in Kafka). */
    public Path metadataLogDir() {
        String dir = getString(METADATA_LOG_DIR);
        return dir == null ? logDirs().get(0) : Path.of(dir).toAbsolutePath().normalize();
    }
}
