package io.tributary.broker.controllerlistener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.UpdateRaftVoterRequest;
import org.apache.kafka.common.requests.UpdateRaftVoterResponse;
import org.junit.jupiter.api.Test;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.testing.TestContexts;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.MetadataRecord;

/**
 * UpdateRaftVoter as the controller listener answers it: the request as bytes, Kafka's checks in Kafka's order, the
 * voter change handed to the log, the response as bytes naming the leader and its endpoint.
 */
class UpdateRaftVoterHandlerTest {

    private static final String CLUSTER = "cluster-a";
    private static final Uuid DIRECTORY = Uuid.randomUuid();
    private static final int EPOCH = 7;
    private static final Map<Integer, InetSocketAddress> VOTERS = Map.of(
        1, InetSocketAddress.createUnresolved("c1", 9093), 4, InetSocketAddress.createUnresolved("c4", 9093));

    @Test
    void theLeaderUpdatesAKnownVoterAndNamesItselfInTheAnswer() throws Exception {
        // given
        FakeLog log = new FakeLog(true, null);

        // when
        UpdateRaftVoterResponseData answer = send(log, request(CLUSTER, EPOCH, 4, DIRECTORY, "CONTROLLER"));

        // then
        assertThat(Errors.forCode(answer.errorCode())).isEqualTo(Errors.NONE);
        assertThat(log.updates).containsExactly("4 " + DIRECTORY + " [Endpoint[listenerName=CONTROLLER, "
            + "host=c4-new, port=19093]]");
        assertThat(answer.currentLeader().leaderId()).isEqualTo(1);
        assertThat(answer.currentLeader().leaderEpoch()).isEqualTo(EPOCH);
        assertThat(answer.currentLeader().host()).isEqualTo("c1");
        assertThat(answer.currentLeader().port()).isEqualTo(9093);
    }

    @Test
    void kafkasChecksRefuseTheRequestBeforeTheVoterSetChanges() throws Exception {
        FakeLog leader = new FakeLog(true, null);
        assertThat(error(leader, request("other-cluster", EPOCH, 4, DIRECTORY, "CONTROLLER")))
            .isEqualTo(Errors.INCONSISTENT_CLUSTER_ID);
        assertThat(error(leader, request(CLUSTER, EPOCH - 1, 4, DIRECTORY, "CONTROLLER")))
            .isEqualTo(Errors.FENCED_LEADER_EPOCH);
        assertThat(error(leader, request(CLUSTER, EPOCH + 1, 4, DIRECTORY, "CONTROLLER")))
            .isEqualTo(Errors.UNKNOWN_LEADER_EPOCH);
        assertThat(error(leader, request(CLUSTER, EPOCH, 4, Uuid.ZERO_UUID, "CONTROLLER")))
            .isEqualTo(Errors.INVALID_REQUEST);
        UpdateRaftVoterRequestData badRange = request(CLUSTER, EPOCH, 4, DIRECTORY, "CONTROLLER");
        badRange.kRaftVersionFeature().setMinSupportedVersion((short) 2).setMaxSupportedVersion((short) 1);
        assertThat(error(leader, badRange)).isEqualTo(Errors.INVALID_REQUEST);
        UpdateRaftVoterRequestData onlyZero = request(CLUSTER, EPOCH, 4, DIRECTORY, "CONTROLLER");
        onlyZero.kRaftVersionFeature().setMinSupportedVersion((short) 0).setMaxSupportedVersion((short) 0);
        assertThat(error(leader, onlyZero)).isEqualTo(Errors.INVALID_REQUEST);
        assertThat(leader.updates).isEmpty();
    }

    @Test
    void aFollowerNamesTheLeaderAndTheLogsRefusalsAreItsErrorCodes() throws Exception {
        // given
        FakeLog follower = new FakeLog(false, null);

        // when
        UpdateRaftVoterResponseData answer = send(follower, request(CLUSTER, EPOCH, 4, DIRECTORY, "CONTROLLER"));

        // then
        assertThat(Errors.forCode(answer.errorCode())).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(answer.currentLeader().leaderId()).isEqualTo(1);
        assertThat(answer.currentLeader().host()).isEqualTo("c1");
        assertThat(follower.updates).isEmpty();
        assertThat(error(new FakeLog(true, new VoterNotFoundException("no such voter")),
            request(CLUSTER, EPOCH, 4, DIRECTORY, "CONTROLLER"))).isEqualTo(Errors.VOTER_NOT_FOUND);
    }

    @Test
    void aStaticQuorumAtKraftVersionZeroDoesNotChangeItsVoters() throws Exception {
        FakeLog staticQuorum = new FakeLog(true, null, Uuid.ZERO_UUID);
        assertThat(error(staticQuorum, request(CLUSTER, EPOCH, 4, DIRECTORY, "CONTROLLER")))
            .isEqualTo(Errors.UNSUPPORTED_VERSION);
        assertThat(staticQuorum.updates).isEmpty();
    }

    private static UpdateRaftVoterRequestData request(String clusterId, int epoch, int voterId, Uuid directoryId,
                                                      String listener) {
        UpdateRaftVoterRequestData data = new UpdateRaftVoterRequestData()
            .setClusterId(clusterId)
            .setCurrentLeaderEpoch(epoch)
            .setVoterId(voterId)
            .setVoterDirectoryId(directoryId);
        data.listeners().add(new UpdateRaftVoterRequestData.Listener().setName(listener).setHost("c4-new")
            .setPort(19093));
        data.kRaftVersionFeature().setMinSupportedVersion((short) 0).setMaxSupportedVersion((short) 1);
        return data;
    }

    private static Errors error(FakeLog log, UpdateRaftVoterRequestData request) throws Exception {
        return Errors.forCode(send(log, request).errorCode());
    }

    /** Through bytes both ways, as the wire carries them. */
    private static UpdateRaftVoterResponseData send(FakeLog log, UpdateRaftVoterRequestData data) throws Exception {
        short version = 0;
        ByteBuffer requestBytes = new UpdateRaftVoterRequest.Builder(data).build(version).serialize().buffer();
        UpdateRaftVoterRequest request = UpdateRaftVoterRequest.parse(new ByteBufferAccessor(requestBytes), version);
        UpdateRaftVoterHandler handler = new UpdateRaftVoterHandler(log, () -> CLUSTER, () -> VOTERS,
            RequestAuthorizer.NONE);
        AbstractResponse response = handler.handle(TestContexts.of(ApiKeys.UPDATE_RAFT_VOTER, version, "c4"),
            request).toCompletableFuture().get(5, TimeUnit.SECONDS).response();
        ByteBuffer responseBytes = MessageUtil.toByteBufferAccessor(response.data(), version).buffer();
        responseBytes.rewind();
        return UpdateRaftVoterResponse.parse(new ByteBufferAccessor(responseBytes), version).data();
    }

    /** A quorum whose leader is voter 1 in epoch 7, with voter 4 known by its directory id. */
    private static final class FakeLog implements MetadataLog {

        private final boolean leader;
        private final RuntimeException failure;
        private final Uuid voterDirectory;
        private final List<String> updates = new ArrayList<>();

        FakeLog(boolean leader, RuntimeException failure) {
            this(leader, failure, DIRECTORY);
        }

        FakeLog(boolean leader, RuntimeException failure, Uuid voterDirectory) {
            this.leader = leader;
            this.failure = failure;
            this.voterDirectory = voterDirectory;
        }

        @Override
        public CompletionStage<Void> updateVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                                 long timeoutMs) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            updates.add(voterId + " " + directoryId + " " + endpoints);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public QuorumInfo describe() {
            return new QuorumInfo(1, EPOCH, 10, List.of(
                new QuorumInfo.Voter(1, Uuid.ZERO_UUID, 10, 0, 0, List.of()),
                new QuorumInfo.Voter(4, voterDirectory, 10, 0, 0, List.of())));
        }

        @Override
        public int writerEpoch() {
            return leader ? EPOCH : NOT_WRITER;
        }

        @Override
        public OptionalInt leaderId() {
            return OptionalInt.of(1);
        }

        @Override
        public void start(Consumer<MetadataBatch> committed) {
        }

        @Override
        public CompletionStage<Long> append(List<MetadataRecord> records) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
