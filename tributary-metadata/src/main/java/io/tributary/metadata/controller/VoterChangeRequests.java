package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;

import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;

/**
 * AddRaftVoter and RemoveRaftVoter (KIP-853) on the active controller: the request's checks as Kafka's
 * KafkaRaftClient makes them (cluster id, a directory id for a new voter), then the log's voter change, its failure
 * answered as the error code of the response.
 */
public final class VoterChangeRequests {

    private VoterChangeRequests() {
    }

    public static CompletionStage<AddRaftVoterResponseData> add(MetadataLog log, String clusterId,
                                                                AddRaftVoterRequestData request) {
        if (request.clusterId() != null && !request.clusterId().equals(clusterId)) {
            return CompletableFuture.completedFuture(addError(Errors.INCONSISTENT_CLUSTER_ID,
                "The request's cluster id " + request.clusterId() + " is not this cluster's " + clusterId));
        }
        if (Uuid.ZERO_UUID.equals(request.voterDirectoryId())) {
            return CompletableFuture.completedFuture(addError(Errors.INVALID_REQUEST,
                "A voter to add needs a directory id"));
        }
        List<QuorumInfo.Endpoint> endpoints = new ArrayList<>();
        request.listeners().forEach(l -> endpoints.add(new QuorumInfo.Endpoint(l.name(), l.host(), l.port())));
        return log.addVoter(request.voterId(), request.voterDirectoryId(), endpoints, timeout(request.timeoutMs()))
            .handle((ignored, failure) -> failure == null ? new AddRaftVoterResponseData()
                : addError(Errors.forException(unwrap(failure)), unwrap(failure).getMessage()));
    }

    public static CompletionStage<RemoveRaftVoterResponseData> remove(MetadataLog log, String clusterId,
                                                                      RemoveRaftVoterRequestData request,
                                                                      long timeoutMs) {
        if (request.clusterId() != null && !request.clusterId().equals(clusterId)) {
            return CompletableFuture.completedFuture(removeError(Errors.INCONSISTENT_CLUSTER_ID,
                "The request's cluster id " + request.clusterId() + " is not this cluster's " + clusterId));
        }
        return log.removeVoter(request.voterId(), request.voterDirectoryId(), timeoutMs)
            .handle((ignored, failure) -> failure == null ? new RemoveRaftVoterResponseData()
                : removeError(Errors.forException(unwrap(failure)), unwrap(failure).getMessage()));
    }

    /** The request's own timeout, within sane bounds (Kafka's admin sends its request timeout). */
    private static long timeout(int requested) {
        return requested > 0 ? requested : 30_000;
    }

    private static AddRaftVoterResponseData addError(Errors error, String message) {
        return new AddRaftVoterResponseData().setErrorCode(error.code()).setErrorMessage(message);
    }

    private static RemoveRaftVoterResponseData removeError(Errors error, String message) {
        return new RemoveRaftVoterResponseData().setErrorCode(error.code()).setErrorMessage(message);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
