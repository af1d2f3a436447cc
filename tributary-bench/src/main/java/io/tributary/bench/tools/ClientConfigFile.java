package io.tributary.bench.tools;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A Kafka client properties file as the perf tools' {@code --command-config} takes it (security settings). */
final class ClientConfigFile {

    private ClientConfigFile() {
    }

    /** The file's properties, or none when no file is given. */
    static Properties load(String file) {
        Properties props = new Properties();
        if (file == null) return props;
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read client config " + file, e);
        }
        return props;
    }
}
