package io.tributary.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads a Kafka-style server.properties file and the command line's {@code --override key=value}s. */
final class ServerProperties {

    private ServerProperties() {
    }

    static Map<String, String> read(Path file, Map<String, String> overrides) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        overrides.forEach(properties::setProperty);
        return asMap(properties);
    }

    static Map<String, String> asMap(Properties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
