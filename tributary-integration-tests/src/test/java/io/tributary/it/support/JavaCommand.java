package io.tributary.it.support;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs that run a main class from the test classpath (brokers, consumers to SIGKILL). */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static List<String> forMainClass(String mainClass, String maxHeap, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add(maxHeap);
        command.add("-XX:TieredStopAtLevel=1"); // faster start-up; peak speed is irrelevant here
        command.add("-cp");
        command.add(testClassPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** Surefire may hand the JVM a manifest-only jar as java.class.path; it publishes the real path separately. */
    private static String testClassPath() {
        String surefirePath = System.getProperty("surefire.test.class.path");
        return surefirePath != null && !surefirePath.isBlank() ? surefirePath : System.getProperty("java.class.path");
    }
}
