package io.tributary.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.MetadataRecord;

class VoterChangeRequestsTest {

    private static final String CLUSTER = "dyn-cluster";
    private static final Uuid DIRECTORY = Uuid.randomUuid();

    @Test
    void anAddIsPassedToTheLogWithItsEndpointsAndTimeout() throws Exception {
        // given
        RecordingLog log = new RecordingLog(null);

        // when
        AddRaftVoterResponseData response = VoterChangeRequests.add(log, CLUSTER, addRequest(CLUSTER, DIRECTORY))
            .toCompletableFuture().get();

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(log.calls).containsExactly("add 4 " + DIRECTORY + " [Endpoint[listenerName=CONTROLLER, "
            + "host=localhost, port=9493]] 15000");
    }

    @Test
    void theRequestChecksComeFirst() throws Exception {
        RecordingLog log = new RecordingLog(null);

        assertThat(error(VoterChangeRequests.add(log, CLUSTER, addRequest("another", DIRECTORY))))
            .isEqualTo(Errors.INCONSISTENT_CLUSTER_ID);
        assertThat(error(VoterChangeRequests.add(log, CLUSTER, addRequest(CLUSTER, Uuid.ZERO_UUID))))
            .isEqualTo(Errors.INVALID_REQUEST);
        assertThat(VoterChangeRequests.remove(log, CLUSTER, new RemoveRaftVoterRequestData().setClusterId("another")
            .setVoterId(1).setVoterDirectoryId(DIRECTORY), 1_000).toCompletableFuture().get().errorCode())
            .isEqualTo(Errors.INCONSISTENT_CLUSTER_ID.code());
        assertThat(log.calls).isEmpty();
    }

    @Test
    void theLogsFailuresAreAnsweredAsKafkasErrorCodes() throws Exception {
        assertThat(error(VoterChangeRequests.add(new RecordingLog(new DuplicateVoterException("dup")), CLUSTER,
            addRequest(CLUSTER, DIRECTORY)))).isEqualTo(Errors.DUPLICATE_VOTER);
        assertThat(error(VoterChangeRequests.add(new RecordingLog(new TimeoutException("pending")), CLUSTER,
            addRequest(CLUSTER, DIRECTORY)))).isEqualTo(Errors.REQUEST_TIMED_OUT);
        assertThat(error(VoterChangeRequests.add(new RecordingLog(new InvalidRequestException("no listener")),
            CLUSTER, addRequest(CLUSTER, DIRECTORY)))).isEqualTo(Errors.INVALID_REQUEST);
        assertThat(error(VoterChangeRequests.add(new RecordingLog(new NotControllerException("moved")), CLUSTER,
            addRequest(CLUSTER, DIRECTORY)))).isEqualTo(Errors.NOT_CONTROLLER);
        assertThat(VoterChangeRequests.remove(new RecordingLog(new VoterNotFoundException("gone")), CLUSTER,
            new RemoveRaftVoterRequestData().setClusterId(null).setVoterId(9).setVoterDirectoryId(DIRECTORY), 1_000)
            .toCompletableFuture().get().errorCode()).isEqualTo(Errors.VOTER_NOT_FOUND.code());
    }

    @Test
    void aLogWithoutAQuorumAnswersUnsupportedVersion() throws Exception {
        assertThat(error(VoterChangeRequests.add(new BaseLog() { }, CLUSTER, addRequest(CLUSTER, DIRECTORY))))
            .isEqualTo(Errors.UNSUPPORTED_VERSION);
    }

    private static Errors error(CompletionStage<AddRaftVoterResponseData> response) throws Exception {
        return Errors.forCode(response.toCompletableFuture().get().errorCode());
    }

    private static AddRaftVoterRequestData addRequest(String clusterId, Uuid directoryId) {
        AddRaftVoterRequestData request = new AddRaftVoterRequestData().setClusterId(clusterId).setTimeoutMs(15_000)
            .setVoterId(4).setVoterDirectoryId(directoryId);
        request.listeners().add(new AddRaftVoterRequestData.Listener().setName("CONTROLLER").setHost("localhost")
            .setPort(9493));
        return request;
    }

    /** Records the voter changes asked of it; fails them with {@code failure} when given. */
    private static class RecordingLog extends BaseLog {
        final List<String> calls = new ArrayList<>();
        private final RuntimeException failure;

        RecordingLog(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public CompletionStage<Void> addVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                              long timeoutMs) {
            calls.add("add " + voterId + " " + directoryId + " " + endpoints + " " + timeoutMs);
            return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
        }

        @Override
        public CompletionStage<Void> removeVoter(int voterId, Uuid directoryId, long timeoutMs) {
            calls.add("remove " + voterId + " " + directoryId);
            return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
        }
    }

    /** A log with the interface's own voter changes, as a log without a Raft quorum has. */
    private abstract static class BaseLog implements MetadataLog {

        @Override
        public void start(Consumer<MetadataBatch> committed) {
        }

        @Override
        public CompletionStage<Long> append(List<MetadataRecord> records) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int writerEpoch() {
            return NOT_WRITER;
        }

        @Override
        public OptionalInt leaderId() {
            return OptionalInt.empty();
        }

        @Override
        public QuorumInfo describe() {
            return new QuorumInfo(-1, -1, 0, List.of());
        }

        @Override
        public void close() {
        }
    }
}
