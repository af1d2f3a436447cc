package io.tributary.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -Dtributary.startup.trace=true}: prints to stderr when each step of a start is reached, as
 * {@code startup-trace EPOCH_MS THREAD STEP (on-cpu ms, run-queue ms)}. The wall clock lines up with the launch
 * time a script took; the calling thread's time on a CPU and waiting for one (Linux's schedstat) tell work apart
 * from waiting on a busy machine. Not a logger: the first steps run before logging is set up, and setting it up
 * is one of the steps measured.
 */
final class StartupTrace {

    private static final boolean ENABLED = Boolean.getBoolean("tributary.startup.trace");

    private StartupTrace() {
    }

    static void mark(String step) {
        if (ENABLED) {
            System.err.println("startup-trace " + System.currentTimeMillis() + " " + Thread.currentThread().getName()
                    + " " + step + " (" + schedstat() + ")");
        }
    }

    /** The calling thread's nanoseconds on a CPU and waiting in the run queue, in ms; "?" where not Linux. */
    private static String schedstat() {
        try {
            String[] fields = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
            return Long.parseLong(fields[0]) / 1_000_000 + " cpu ms, " + Long.parseLong(fields[1]) / 1_000_000
                    + " queued ms";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
