package io.tributary.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and resident memory from Linux's {@code /proc/PID/stat} and {@code /proc/PID/status}. */
final class ProcFigures {

    private ProcFigures() {
    }

    /**
     * utime + stime, in clock ticks, of a {@code /proc/PID/stat} line. The command name is in parentheses and may
     * hold spaces or parentheses itself, so fields are counted after the last {@code ")"}: state is the first,
     * utime the 12th and stime the 13th.
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS of a {@code /proc/PID/status} text, in KiB; -1 if absent (a zombie). */
    static long rssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
        return -1L;
    }

    /** -1 if the process is gone. */
    static long cpuTicks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1L;
        }
    }

    /** -1 if the process is gone. */
    static long rssKib(long pid) {
        try {
            return rssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return -1L;
        }
    }
}
