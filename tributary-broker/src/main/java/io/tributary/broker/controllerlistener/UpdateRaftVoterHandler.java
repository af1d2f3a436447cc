package io.tributary.broker.controllerlistener;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.UpdateRaftVoterRequest;
import org.apache.kafka.common.requests.UpdateRaftVoterResponse;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;

/**
 * KIP-853 UpdateRaftVoter on a controller listener: a voter tells the quorum leader its new endpoints. Answered by
 * this node's Raft quorum, not forwarded, with Kafka's checks in Kafka's order: CLUSTER_ACTION, the cluster id, the
 * leader epoch (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH), leadership (NOT_LEADER_OR_FOLLOWER), a directory id,
 * an endpoint on the controller listener, a valid kraft.version range that holds the finalized level, then the
 * voter set change (VOTER_NOT_FOUND for an id and directory id that are not a voter). Every answer names the
 * leader and its endpoint as this node knows them, so the sender retries there.
 */
public final class UpdateRaftVoterHandler implements ApiHandler<UpdateRaftVoterRequest> {

    /** Kafka's leader bounds a voter change by its request timeout. */
    private static final long TIMEOUT_MS = 30_000;

    private final MetadataLog log;
    private final Supplier<String> clusterId;
    private final Supplier<Map<Integer, InetSocketAddress>> voters;
    private final RequestAuthorizer authorizer;

    /** @param voters every voter's controller listener address (the newest Raft configuration's) */
    public UpdateRaftVoterHandler(MetadataLog log, Supplier<String> clusterId,
                                  Supplier<Map<Integer, InetSocketAddress>> voters, RequestAuthorizer authorizer) {
        this.log = log;
        this.clusterId = clusterId;
        this.voters = voters;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, UpdateRaftVoterRequest request) {
        UpdateRaftVoterRequestData data = request.data();
        if (authorizer.enabled() && !authorizer.authorizeCluster(context, AclOperation.CLUSTER_ACTION)) {
            return answer(Errors.CLUSTER_AUTHORIZATION_FAILED);
        }
        if (data.clusterId() != null && !data.clusterId().equals(clusterId.get())) {
            return answer(Errors.INCONSISTENT_CLUSTER_ID);
        }
        QuorumInfo quorum = log.describe();
        int epoch = quorum.leaderEpoch();
        if (data.currentLeaderEpoch() < epoch) {
            return answer(Errors.FENCED_LEADER_EPOCH);
        }
        if (data.currentLeaderEpoch() > epoch) {
            return answer(Errors.UNKNOWN_LEADER_EPOCH);
        }
        if (!isLeader()) {
            return answer(Errors.NOT_LEADER_OR_FOLLOWER);
        }
        if (Uuid.ZERO_UUID.equals(data.voterDirectoryId())) {
            return answer(Errors.INVALID_REQUEST);
        }
        UpdateRaftVoterRequestData.KRaftVersionFeature range = data.kRaftVersionFeature();
        if (range.minSupportedVersion() < 0 || range.maxSupportedVersion() < range.minSupportedVersion()) {
            return answer(Errors.INVALID_REQUEST);
        }
        int finalized = quorum.kraftVersion();
        if (finalized < 1) {
            // As Kafka: a quorum at kraft.version 0 has a static voter set that no request changes.
            return answer(Errors.UNSUPPORTED_VERSION);
        }
        if (range.minSupportedVersion() > finalized || range.maxSupportedVersion() < finalized) {
            return answer(Errors.INVALID_REQUEST);
        }
        List<QuorumInfo.Endpoint> endpoints = new ArrayList<>();
        data.listeners().forEach(l -> endpoints.add(new QuorumInfo.Endpoint(l.name(), l.host(), l.port())));
        return log.updateVoter(data.voterId(), data.voterDirectoryId(), endpoints, TIMEOUT_MS)
                .handle((ignored, failure) -> failure == null ? Errors.NONE : errorOf(failure))
                .thenCompose(this::answer);
    }

    private boolean isLeader() {
        return log.writerEpoch() != MetadataLog.NOT_WRITER;
    }

    private static Errors errorOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        // The quorum's "not the leader" is the controller's NOT_CONTROLLER; a Raft request answers as Kafka's Raft.
        return cause instanceof NotControllerException ? Errors.NOT_LEADER_OR_FOLLOWER : Errors.forException(cause);
    }

    private CompletionStage<ResponseAction> answer(Errors error) {
        QuorumInfo quorum = log.describe();
        UpdateRaftVoterResponseData.CurrentLeader leader = new UpdateRaftVoterResponseData.CurrentLeader()
                .setLeaderId(quorum.leaderId())
                .setLeaderEpoch(quorum.leaderEpoch());
        InetSocketAddress address = quorum.leaderId() < 0 ? null : voters.get().get(quorum.leaderId());
        if (address != null) {
            leader.setHost(address.getHostString()).setPort(address.getPort());
        }
        return Responses.completed(new UpdateRaftVoterResponse(new UpdateRaftVoterResponseData()
                .setErrorCode(error.code())
                .setCurrentLeader(leader)));
    }
}
