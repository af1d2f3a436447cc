package io.tributary.storage.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kafka's {@code .kafka_cleanshutdown} file: present only while the broker is down after a clean stop. */
public final class CleanShutdownMarker {

    public static final String FILE_NAME = ".kafka_cleanshutdown";

    private CleanShutdownMarker() {
    }

    public static boolean exists(Path logDir) {
        return Files.exists(logDir.resolve(FILE_NAME));
    }

    public static void write(Path logDir) throws IOException {
        AtomicFiles.write(logDir.resolve(FILE_NAME), "{\"version\":0,\"brokerEpoch\":-1}");
    }

    /** Removed at startup so that a crash before the next clean stop is detected as unclean. */
    public static void delete(Path logDir) throws IOException {
        Files.deleteIfExists(logDir.resolve(FILE_NAME));
        AtomicFiles.flushDir(logDir);
    }
}
