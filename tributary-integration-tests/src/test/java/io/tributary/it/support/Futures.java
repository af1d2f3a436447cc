package io.tributary.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Unwraps the failure of a client future, so tests can assert on the Kafka exception itself. */
public final class Futures {

    private Futures() {
    }

    public static Throwable failureOf(Future<?> future) {
        try {
            Object value = future.get(20, TimeUnit.SECONDS);
            return fail("expected the future to fail, but it completed with %s", value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return fail("expected the future to fail with an ExecutionException", e);
        }
    }
}
