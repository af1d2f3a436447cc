package io.tributary.embedded.startstop;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a broker may leak in its host JVM: threads, file descriptors, direct memory. */
record ProcessResources(Set<Thread> threads, long openFileDescriptors, long directMemoryBytes) {

    static ProcessResources now() {
        return new ProcessResources(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .collect(Collectors.toSet()), countOpenFileDescriptors(), measureDirectMemory());
    }

    /** Threads alive now that were not at {@code baseline}, leaving out those the JVM starts on its own. */
    Set<String> newThreadsSince(ProcessResources baseline) {
        return threads.stream().filter(t -> !baseline.threads.contains(t)).map(Thread::getName)
                .filter(name -> !isJvmOwn(name)).collect(Collectors.toSet());
    }

    private static boolean isJvmOwn(String name) {
        return name.startsWith("C1 CompilerThread") || name.startsWith("C2 CompilerThread")
                || name.startsWith("Attach Listener") || name.startsWith("process reaper")
                || name.startsWith("ForkJoinPool.commonPool") || name.startsWith("JFR ")
                || name.equals("Common-Cleaner") || name.startsWith("surefire")
                // the test framework's own: JUnit's parallel-execution pool and Awaitility's poller
                || name.startsWith("ForkJoinPool-1-worker") || name.startsWith("awaitility");
    }

    static long countOpenFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | UnsupportedOperationException e) {
            return -1; // not Linux: the figure is reported as unknown
        }
    }

    /** Direct buffers of the JDK plus Netty's own (which bypasses the JDK's accounting when it can). */
    static long measureDirectMemory() {
        long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return jdk + io.netty.util.internal.PlatformDependent.usedDirectMemory();
    }
}
