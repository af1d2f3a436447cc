package io.tributary.console.http;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/**
 * Waits for an Admin client's answer, never longer than {@link #TIMEOUT_MS}: a console page must fail visibly (504)
 * rather than hold one of the console's threads for the client's default minute.
 */
public final class AdminFutures {

    public static final int TIMEOUT_MS = 15_000;

    private AdminFutures() {
    }

    /** The future's value; its failure is thrown as is (wrapped in ExecutionException) for {@link KafkaErrors}. */
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
