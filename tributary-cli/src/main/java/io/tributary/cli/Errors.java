package io.tributary.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The client's own message, not the future that carried it. */
final class Errors {

    private Errors() {
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
