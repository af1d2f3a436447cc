package io.tributary.server;

/**
 * Whether the web console's classes are here. Its own class, free of console types, so that asking never makes the
 * JVM link a class that refers to them.
 */
final class ConsolePresence {

    private static final boolean ON_CLASS_PATH = find();

    private ConsolePresence() {
    }

    static boolean onClassPath() {
        return ON_CLASS_PATH;
    }

    private static boolean find() {
        try {
            Class.forName("io.tributary.console.web.Console", false, ConsolePresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
