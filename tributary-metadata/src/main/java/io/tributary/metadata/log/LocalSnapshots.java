package io.tributary.metadata.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.snapshot.CorruptSnapshotException;
import io.tributary.metadata.snapshot.MetadataSnapshot;
import io.tributary.metadata.snapshot.SnapshotFile;

/**
 * The local metadata log's snapshot files, named as Kafka names them: {@code <end offset>-<epoch>.checkpoint},
 * the end offset being the first offset after the snapshot. The newest {@link #RETAINED} are kept, so a damaged
 * newest one can fall back to the one before (whose log records are kept too).
 */
final class LocalSnapshots {

    private static final Logger log = LoggerFactory.getLogger(LocalSnapshots.class);

    static final String SUFFIX = ".checkpoint";
    static final String CORRUPT_SUFFIX = ".corrupt";
    static final int RETAINED = 2;
    private static final Pattern NAME = Pattern.compile("(\\d{20})-(\\d{10})\\" + SUFFIX);

    private final Path dir;

    LocalSnapshots(Path dir) throws IOException {
        this.dir = dir;
        // A snapshot interrupted before its rename is not a snapshot.
        try (Stream<Path> files = Files.list(dir)) {
            for (Path temp : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX + ".tmp")).toList()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    static String fileName(long endOffset, int epoch) {
        return String.format("%020d-%010d%s", endOffset, epoch, SUFFIX);
    }

    /** The snapshot files, newest (highest end offset) first. */
    List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(LocalSnapshots::endOffsetOf).reversed())
                .toList();
        }
    }

    static long endOffsetOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot file: " + file);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The newest snapshot that verifies and that the log can continue from (its end offset not below
     * {@code logStartOffset}); damaged ones are renamed {@code .corrupt} and skipped.
     */
    Optional<MetadataSnapshot> loadNewest(long logStartOffset) throws IOException {
        for (Path file : files()) {
            if (endOffsetOf(file) < logStartOffset) {
                log.warn("Metadata snapshot {} ends before the log starts (offset {}); it cannot be used", file,
                    logStartOffset);
                continue;
            }
            try {
                MetadataSnapshot snapshot = SnapshotFile.read(file);
                if (snapshot.lastOffset() + 1 != endOffsetOf(file)) {
                    throw new CorruptSnapshotException("metadata snapshot " + file + " holds offset "
                        + snapshot.lastOffset() + ", not what its name says");
                }
                return Optional.of(snapshot);
            } catch (CorruptSnapshotException e) {
                Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
                log.error("Refusing a damaged metadata snapshot, moved to {}: {}", aside, e.getMessage());
                Files.move(file, aside);
                SnapshotFile.syncDirectory(dir);
            }
        }
        return Optional.empty();
    }

    /** Writes {@code snapshot} atomically; returns its file. */
    Path write(MetadataSnapshot snapshot) throws IOException {
        Path file = dir.resolve(fileName(snapshot.lastOffset() + 1, snapshot.epoch()));
        SnapshotFile.write(file, snapshot);
        return file;
    }

    /** Deletes all but the newest {@link #RETAINED}; returns the end offset of the oldest one kept, or -1. */
    long retain() throws IOException {
        List<Path> files = new ArrayList<>(files());
        while (files.size() > RETAINED) {
            Path oldest = files.remove(files.size() - 1);
            Files.deleteIfExists(oldest);
            log.info("Deleted metadata snapshot {}", oldest);
        }
        return files.isEmpty() ? -1 : endOffsetOf(files.get(files.size() - 1));
    }
}
