package io.tributary.server;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Initializes, on a thread of its own, classes whose static initialization is a large part of a command-line start
 * and which the start needs only later: the main thread sets up logging, reads the configuration and starts the
 * metrics meanwhile, and on a machine with two or more cores the two overlap. Whichever thread reaches a class
 * first initializes it, the other waits for it (the JVM's class-initialization lock), so nothing runs twice.
 */
final class ClassPreloading implements Runnable {

    /** Every request and response schema of kafka-clients (~800 classes): the request metrics name each API. */
    private static final List<String> BEFORE_LOGGING = List.of("org.apache.kafka.common.protocol.ApiKeys");
    /**
     * Classes whose initialization logs: only once logging is set up, since SLF4J hands a thread that logs while
     * another sets it up a stand-in logger and replays its events with a warning on stderr. Errors builds an
     * exception per error code; Epoll loads Netty's epoll library (JNI).
     */
    private static final List<String> AFTER_LOGGING = List.of("org.apache.kafka.common.protocol.Errors",
            "io.netty.channel.epoll.Epoll");

    private final CountDownLatch loggingReady = new CountDownLatch(1);

    private ClassPreloading() {
    }

    static ClassPreloading startInBackground() {
        ClassPreloading preloading = new ClassPreloading();
        // A Runnable, not a method reference: a lambda that is not in the class-data archive is spun at run time.
        Thread thread = new Thread(preloading, "tributary-class-preloading");
        thread.setDaemon(true);
        thread.start();
        return preloading;
    }

    /** Logging is set up: the classes that log as they initialize may go ahead. */
    void loggingReady() {
        loggingReady.countDown();
    }

    @Override
    public void run() {
        try {
            initialize(BEFORE_LOGGING);
            loggingReady.await();
            initialize(AFTER_LOGGING);
            StartupTrace.mark("classes preloaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClassNotFoundException | LinkageError e) {
            // Not ours to report: the main thread meets the same error where it needs the class.
        }
    }

    private static void initialize(List<String> classes) throws ClassNotFoundException {
        ClassLoader loader = ClassPreloading.class.getClassLoader();
        for (String name : classes) {
            Class.forName(name, true, loader);
        }
    }
}
