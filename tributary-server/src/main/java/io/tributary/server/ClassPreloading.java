package io.tributary.server;

import java.util.List;

/**
 * Initializes, on a thread of its own, classes whose static initialization is a large part of a command-line start
 * and which the start needs only later: the main thread reads the configuration, sets up logging and opens the
 * metadata log meanwhile, and on a machine with two or more cores the two overlap. Whichever thread reaches a class
 * first initializes it, the other waits for it (the JVM's class-initialization lock), so nothing runs twice.
 */
final class ClassPreloading {

    /** In the order the start needs them; each one's cost measured with the class-data archive in use. */
    private static final List<String> CLASSES = List.of(
            // Every request and response schema of kafka-clients (~800 classes): the request metrics name each API.
            "org.apache.kafka.common.protocol.ApiKeys",
            // An exception instance per error code; its logger sets up logging if the main thread has not yet.
            "org.apache.kafka.common.protocol.Errors",
            // Loads Netty's epoll library (JNI).
            "io.netty.channel.epoll.Epoll");

    private ClassPreloading() {
    }

    static void startInBackground() {
        Thread thread = new Thread(ClassPreloading::run, "tributary-class-preloading");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        ClassLoader loader = ClassPreloading.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Not ours to report: the main thread meets the same error where it needs the class.
                return;
            }
        }
        StartupTrace.mark("classes preloaded");
    }
}
