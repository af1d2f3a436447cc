package io.tributary.bench.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The broker's footprint from /proc, as bench/lib/proc.sh reads it: CPU ticks of all its threads (utime + stime),
 * resident memory and thread count. {@link #NONE} when the tool was given no broker pid.
 */
class BrokerProcess {

    static final BrokerProcess NONE = new BrokerProcess(0, 100) {
        @Override
        boolean known() {
            return false;
        }
    };

    private final long pid;
    private final int clockTicksPerSecond;

    BrokerProcess(long pid, int clockTicksPerSecond) {
        if (clockTicksPerSecond <= 0) throw new IllegalArgumentException("clock ticks must be positive");
        this.pid = pid;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    static BrokerProcess of(long pid, int clockTicksPerSecond) {
        return pid > 0 ? new BrokerProcess(pid, clockTicksPerSecond) : NONE;
    }

    boolean known() {
        return true;
    }

    long cpuTicks() {
        return cpuTicks(read("stat"));
    }

    /**
     * CPU ticks of the JIT compiler threads alone (as jit_ticks in bench/lib/proc.sh): the warm-up share of a
     * freshly started broker's CPU. Threads that end between the listing and the read are skipped.
     */
    long jitTicks() {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (isJitThread(Files.readString(task.resolve("comm")).strip()))
                        total += cpuTicks(Files.readString(task.resolve("stat")));
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list /proc/" + pid + "/task (did the broker exit?)", e);
        }
        return total;
    }

    /** HotSpot's compiler threads are "C1 CompilerThreadN" and "C2 CompilerThreadN", cut to 15 characters in comm. */
    static boolean isJitThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    double cpuSeconds(long ticksBefore, long ticksAfter) {
        return (ticksAfter - ticksBefore) / (double) clockTicksPerSecond;
    }

    double rssMib() {
        return statusField(read("status"), "VmRSS:") / 1024.0;
    }

    long threads() {
        return statusField(read("status"), "Threads:");
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read /proc/" + pid + "/" + file + " (did the broker exit?)", e);
        }
    }

    /**
     * utime + stime from a /proc/PID/stat line. The command name is in parentheses and may hold spaces and
     * parentheses, so the fields are counted after its last ')': state is the first, utime the 12th, stime the 13th.
     */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) throw new IllegalArgumentException("Not a /proc/PID/stat line: " + stat);
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) throw new IllegalArgumentException("Too few fields in /proc/PID/stat: " + stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The number of a /proc/PID/status line such as "VmRSS:    123456 kB" or "Threads:  42". */
    static long statusField(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
        throw new IllegalArgumentException("No " + name + " in /proc/PID/status");
    }
}
