package io.tributary.coordinator.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.protocol.Errors;

/** The error a client gets when the coordinator's append failed, as Kafka maps it. */
public final class AppendErrors {

    private AppendErrors() {
    }

    public static Errors toClientError(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Errors error = Errors.forException(cause);
        return switch (error) {
            case NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR, NOT_COORDINATOR -> Errors.NOT_COORDINATOR;
            case UNKNOWN_TOPIC_OR_PARTITION, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND,
                 REQUEST_TIMED_OUT, COORDINATOR_NOT_AVAILABLE -> Errors.COORDINATOR_NOT_AVAILABLE;
            case COORDINATOR_LOAD_IN_PROGRESS -> Errors.COORDINATOR_LOAD_IN_PROGRESS;
            default -> Errors.UNKNOWN_SERVER_ERROR;
        };
    }
}
