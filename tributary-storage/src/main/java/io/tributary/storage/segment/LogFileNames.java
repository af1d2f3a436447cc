package io.tributary.storage.segment;

import java.io.File;

/** Kafka's file naming: every segment file is named by its base offset, zero-padded to 20 digits. */
public final class LogFileNames {

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String TXN_INDEX_SUFFIX = ".txnindex";
    public static final String SNAPSHOT_SUFFIX = ".snapshot";
    public static final String DELETED_SUFFIX = ".deleted";
    public static final String CLEANED_SUFFIX = ".cleaned";
    public static final String SWAP_SUFFIX = ".swap";

    private LogFileNames() {
    }

    public static String prefix(long offset) {
        return String.format("%020d", offset);
    }

    public static File logFile(File dir, long offset, String suffix) {
        return new File(dir, prefix(offset) + LOG_SUFFIX + suffix);
    }

    public static File offsetIndexFile(File dir, long offset, String suffix) {
        return new File(dir, prefix(offset) + INDEX_SUFFIX + suffix);
    }

    public static File timeIndexFile(File dir, long offset, String suffix) {
        return new File(dir, prefix(offset) + TIME_INDEX_SUFFIX + suffix);
    }

    public static File txnIndexFile(File dir, long offset, String suffix) {
        return new File(dir, prefix(offset) + TXN_INDEX_SUFFIX + suffix);
    }

    public static File producerSnapshotFile(File dir, long offset) {
        return new File(dir, prefix(offset) + SNAPSHOT_SUFFIX);
    }

    /** The offset a file is named after, e.g. 00000000000000000042.log.swap gives 42. */
    public static long offsetFromFileName(String name) {
        int dot = name.indexOf('.');
        return Long.parseLong(dot < 0 ? name : name.substring(0, dot));
    }
}
