package io.tributary.storage.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's {@code .kafka_cleanshutdown} file: present only while the broker is down after a clean stop. It holds the
 * broker epoch of that stop (Kafka's JSON, {@code {"version":0,"brokerEpoch":N}}), which the broker sends as
 * PreviousBrokerEpoch when it registers again, so the controller can tell a clean restart from a crash (KIP-966).
 */
public final class CleanShutdownMarker {

    public static final String FILE_NAME = ".kafka_cleanshutdown";
    /** No epoch: an unclean stop, a wiped or new log dir, or a broker that never registered. */
    public static final long NO_EPOCH = -1L;

    private static final Pattern BROKER_EPOCH = Pattern.compile("\"brokerEpoch\"\\s*:\\s*(-?\\d+)");

    private CleanShutdownMarker() {
    }

    public static boolean exists(Path logDir) {
        return Files.exists(logDir.resolve(FILE_NAME));
    }

    public static void write(Path logDir) throws IOException {
        write(logDir, NO_EPOCH);
    }

    public static void write(Path logDir, long brokerEpoch) throws IOException {
        AtomicFiles.write(logDir.resolve(FILE_NAME), "{\"version\":0,\"brokerEpoch\":" + brokerEpoch + "}");
    }

    /** The epoch in {@code logDir}'s marker; {@link #NO_EPOCH} without a marker or one that cannot be read. */
    public static long brokerEpoch(Path logDir) {
        try {
            String text = Files.readString(logDir.resolve(FILE_NAME), StandardCharsets.UTF_8);
            Matcher matcher = BROKER_EPOCH.matcher(text);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : NO_EPOCH;
        } catch (IOException | NumberFormatException e) {
            return NO_EPOCH;
        }
    }

    /**
     * The epoch of the last clean stop, as Kafka reads it before loading the logs: the same epoch in every log
     * dir, else {@link #NO_EPOCH} (a dir without a marker crashed, was wiped or is new).
     */
    public static long brokerEpoch(List<Path> logDirs) {
        long epoch = NO_EPOCH;
        for (Path dir : logDirs) {
            long dirEpoch = brokerEpoch(dir);
            if (dirEpoch < 0 || (epoch != NO_EPOCH && dirEpoch != epoch)) {
                return NO_EPOCH;
            }
            epoch = dirEpoch;
        }
        return epoch;
    }

    /** Removed at startup so that a crash before the next clean stop is detected as unclean. */
    public static void delete(Path logDir) throws IOException {
        Files.deleteIfExists(logDir.resolve(FILE_NAME));
        AtomicFiles.flushDir(logDir);
    }
}
