package io.tributary.bench.tools;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bench tool's {@code --name value} arguments, taken one by one: what is left unread when {@link #finish()} is
 * called was not an option of the tool. Errors carry the tool's usage line.
 */
final class NamedOptions {

    private final Map<String, String> values = new HashMap<>();
    private final String usage;

    NamedOptions(String[] args, String usage) {
        this.usage = usage;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'\n" + usage);
            values.put(args[i].substring(2), args[++i]);
        }
    }

    /** The value of an option without a default; null when absent. */
    String string(String name) {
        return values.remove(name);
    }

    String string(String name, String defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : value;
    }

    int integer(String name, int defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    /**
     * A tool's options parsed from its arguments; on bad arguments the message goes to stderr and the JVM exits with
     * status 1, as every bench tool does.
     */
    static <O> O parseOrExit(String[] args, Function<String[], O> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            throw e; // not reached
        }
    }

    /** Fails on an option the tool did not read. */
    void finish() {
        if (!values.isEmpty()) throw new IllegalArgumentException("Unknown options " + values.keySet() + "\n" + usage);
    }
}
