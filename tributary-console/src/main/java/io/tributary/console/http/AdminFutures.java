package io.tributary.console.http;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for an Admin client's answer, bounded, so that a silent cluster is a 504 rather than a hung page. */
public final class AdminFutures {

    public static final long TIMEOUT_MS = 20_000;

    private AdminFutures() {
    }

    /** The value; a client failure is thrown as it is (the dispatcher maps it), a wait past the bound as a 504. */
    public static <T> T await(KafkaFuture<T> future) throws ExecutionException, InterruptedException {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpError(504, "The cluster did not answer within " + TIMEOUT_MS + " ms", "REQUEST_TIMED_OUT");
        }
    }

    /** The value, or null when the call failed or did not finish in time (for optional parts of a page). */
    public static <T> T awaitOrNull(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
