package io.tributary.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Wraps a child JVM's main class so the child dies with the test JVM, even when that one is killed and runs no
 * shutdown hook: the parent holds the other end of the child's stdin, and end-of-input means the parent is gone.
 * Arguments: the real main class, then its arguments.
 */
public final class ExitsWithParent {

    private ExitsWithParent() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watcher = new Thread(ExitsWithParent::haltAtEndOfInput, "exits-with-parent");
        watcher.setDaemon(true);
        watcher.start();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void haltAtEndOfInput() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // nothing is ever written; only the end matters
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as the end of input
        }
        Runtime.getRuntime().halt(1);
    }
}
