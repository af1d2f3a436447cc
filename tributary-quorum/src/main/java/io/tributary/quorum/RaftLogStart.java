package io.tributary.quorum;

import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first index of the local Raft log, read from Ratis's segment file names before the log is opened. */
final class RaftLogStart {

    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    private RaftLogStart() {
    }

    /** The smallest start index of a segment in {@code currentDir}, or -1 when there is none. */
    static long of(File currentDir) {
        File[] files = currentDir.listFiles();
        long start = -1;
        if (files == null) {
            return start;
        }
        for (File file : files) {
            Matcher m = SEGMENT.matcher(file.getName());
            if (m.matches()) {
                long index = Long.parseLong(m.group(1));
                start = start < 0 ? index : Math.min(start, index);
            }
        }
        return start;
    }
}
