package io.tributary.metadata;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.AlterClientQuotasRequestData;
import org.apache.kafka.common.message.AlterClientQuotasResponseData;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AssignReplicasToDirsRequestData;
import org.apache.kafka.common.message.AssignReplicasToDirsResponseData;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import io.tributary.metadata.controller.ScramAlteration;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UpdateFeaturesRequestData;
import org.apache.kafka.common.message.UpdateFeaturesResponseData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.Errors;
import io.tributary.metadata.controller.FeatureControl;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.utils.Time;

import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.controller.AclControl;
import io.tributary.metadata.controller.BrokerLifecycleControl;
import io.tributary.metadata.controller.ClientQuotaChanges;
import io.tributary.metadata.controller.ConfigAlteration;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.IsrChanges;
import io.tributary.metadata.controller.LeaderElections;
import io.tributary.metadata.controller.PartitionCreation;
import io.tributary.metadata.controller.ProducerIdAllocation;
import io.tributary.metadata.controller.QuorumDescription;
import io.tributary.metadata.controller.VoterChangeRequests;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import io.tributary.metadata.controller.ReplicaDirectories;
import io.tributary.metadata.controller.Reassignments;
import io.tributary.metadata.controller.TopicCreation;
import io.tributary.metadata.controller.TopicDeletion;
import io.tributary.metadata.log.MetadataLog;

/**
 * The controller's operations. Each runs on the controller thread: records computed from the image by one of the
 * {@code controller} package's helpers, appended, answered once committed and in the image. They are refused with
 * {@link NotControllerException} until {@link #open()} and whenever this node is not the active controller (as
 * {@link PeriodicTasks} knows it). {@link MetadataController} creates this with its collaborators and exposes
 * the operations; {@link ControllerRequestHandler} dispatches Kafka requests to them.
 */
final class ControllerOperations {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ControllerOperations.class);
    /** RemoveRaftVoter carries no timeout; Kafka's leader bounds it by its request timeout (30 s by default). */
    private static final long VOTER_REMOVAL_TIMEOUT_MS = 30_000;

    private final int nodeId;
    private final MetadataLog metadataLog;
    private final Time time;
    private final ControllerThread thread;
    private final PeriodicTasks periodic;
    private final TopicCreation topicCreation;
    private final TopicDeletion topicDeletion;
    private final PartitionCreation partitionCreation = new PartitionCreation();
    private final ConfigAlteration configAlteration;
    private final Reassignments reassignments = new Reassignments();
    private final IsrChanges isrChanges;
    private final LeaderElections leaderElections;
    private final ProducerIdAllocation producerIds = new ProducerIdAllocation();
    private final ScramAlteration scram = new ScramAlteration();
    private final BrokerLifecycleControl lifecycle;
    private final AclControl acls = new AclControl();
    private final ReplicaDirectories replicaDirectories;
    private final ClientQuotaChanges clientQuotas = new ClientQuotaChanges();
    private final FeatureControl featureControl = new FeatureControl();
    private volatile boolean open;

    ControllerOperations(int nodeId, MetadataLog metadataLog, Time time, EffectiveConfigResolver resolver,
                         ControllerThread thread, PeriodicTasks periodic, BrokerLifecycleControl lifecycle,
                         LeaderElections leaderElections) {
        this.nodeId = nodeId;
        this.metadataLog = metadataLog;
        this.time = time;
        this.thread = thread;
        this.periodic = periodic;
        this.topicCreation = new TopicCreation(resolver);
        this.topicDeletion = new TopicDeletion(resolver);
        this.configAlteration = new ConfigAlteration(resolver);
        this.isrChanges = new IsrChanges(reassignments, resolver);
        this.lifecycle = lifecycle;
        this.replicaDirectories = lifecycle.replicaDirectories();
        this.leaderElections = leaderElections;
    }

    /** The metadata log has been replayed: operations may run (on the active controller). */
    void open() {
        open = true;
    }

    CompletionStage<CreateTopicsResponseData> createTopics(CreateTopicsRequestData request) {
        return submit(current -> topicCreation.createTopics(current, request));
    }

    CompletionStage<DeleteTopicsResponseData> deleteTopics(DeleteTopicsRequestData request, short version) {
        return submit(current -> topicDeletion.deleteTopics(current, request, version));
    }

    CompletionStage<CreatePartitionsResponseData> createPartitions(CreatePartitionsRequestData request) {
        return submit(current -> partitionCreation.createPartitions(current, request));
    }

    CompletionStage<IncrementalAlterConfigsResponseData> incrementalAlterConfigs(
        IncrementalAlterConfigsRequestData request) {
        return submit(current -> configAlteration.incrementalAlterConfigs(current, request));
    }

    CompletionStage<AlterUserScramCredentialsResponseData> alterUserScramCredentials(
        AlterUserScramCredentialsRequestData request) {
        return submit(current -> scram.alter(current, request));
    }

    CompletionStage<AlterConfigsResponseData> legacyAlterConfigs(AlterConfigsRequestData request) {
        return submit(current -> configAlteration.legacyAlterConfigs(current, request));
    }

    CompletionStage<AlterClientQuotasResponseData> alterClientQuotas(AlterClientQuotasRequestData request) {
        return submit(current -> clientQuotas.alter(current, request));
    }

    CompletionStage<BrokerRegistrationResponseData> registerBroker(BrokerRegistrationRequestData request) {
        return submit(current -> lifecycle.register(current, request), (response, committed) -> {
            if (response.errorCode() == Errors.NONE.code()) {
                // The epoch is the offset the registration was committed at, known only now.
                response.setBrokerEpoch(committed.brokers().get(request.brokerId()).orElseThrow().epoch());
                periodic.sessions().touch(request.brokerId(), time.milliseconds());
            }
            return response;
        });
    }

    CompletionStage<BrokerHeartbeatResponseData> brokerHeartbeat(BrokerHeartbeatRequestData request) {
        // Its session counts from now, however long it waits for the controller thread (see BrokerSessions#heard).
        if (open && periodic.isActive()) {
            periodic.heartbeatArrived(request.brokerId(), request.brokerEpoch());
        }
        return submit(current -> {
            ControllerResult<BrokerHeartbeatResponseData> result = lifecycle.heartbeat(current, request);
            if (result.response().errorCode() == Errors.NONE.code()) {
                periodic.sessions().touch(request.brokerId(), time.milliseconds());
            }
            return result;
        });
    }

    CompletionStage<AssignReplicasToDirsResponseData> assignReplicasToDirs(AssignReplicasToDirsRequestData request) {
        return submit(current -> replicaDirectories.assign(current, request));
    }

    CompletionStage<UpdateFeaturesResponseData> updateFeatures(UpdateFeaturesRequestData request, short version) {
        return submit(current -> {
            ControllerResult<ApiError> result = featureControl.update(current, request, version);
            UpdateFeaturesResponseData response = new UpdateFeaturesResponseData();
            if (!result.response().isSuccess()) {
                return new ControllerResult<>(List.of(), response.setErrorCode(result.response().error().code())
                    .setErrorMessage("The update failed for all features since the following feature had an "
                        + "error: " + result.response().message()));
            }
            LOG.info("Features finalized: {}", request.featureUpdates().stream()
                .map(u -> u.feature() + "=" + u.maxVersionLevel()).toList());
            response.setErrorCode(Errors.NONE.code());
            if (version <= 1) {
                // Per-feature results only up to v1 (v2 answers with the top-level error alone), as Kafka.
                request.featureUpdates().forEach(u -> response.results().add(
                    new UpdateFeaturesResponseData.UpdatableFeatureResult().setFeature(u.feature())
                        .setErrorCode(Errors.NONE.code())));
            }
            return new ControllerResult<>(result.records(), response);
        });
    }

    CompletionStage<UnregisterBrokerResponseData> unregisterBroker(UnregisterBrokerRequestData request) {
        return submit(current -> {
            ControllerResult<Errors> result = lifecycle.unregister(current, request.brokerId());
            if (result.response() == Errors.NONE) {
                LOG.info("Unregistering broker {} (UnregisterBroker)", request.brokerId());
            }
            String message = result.response() == Errors.NONE ? null
                : "Broker ID " + request.brokerId() + " is not currently registered";
            return new ControllerResult<>(result.records(), new UnregisterBrokerResponseData()
                .setErrorCode(result.response().code()).setErrorMessage(message));
        });
    }

    /** See {@link MetadataController#fenceUnreachableBroker}. */
    CompletionStage<Boolean> fenceUnreachableBroker(int brokerId, long brokerEpoch) {
        return submit(current -> lifecycle.fenceUnreachable(current, brokerId, brokerEpoch));
    }

    CompletionStage<AlterPartitionResponseData> alterPartition(AlterPartitionRequestData request) {
        return submit(current -> isrChanges.alterPartition(current, request));
    }

    CompletionStage<AlterPartitionReassignmentsResponseData> alterPartitionReassignments(
        AlterPartitionReassignmentsRequestData request) {
        return submit(current -> reassignments.alter(current, request));
    }

    CompletionStage<ListPartitionReassignmentsResponseData> listPartitionReassignments(
        ListPartitionReassignmentsRequestData request) {
        return submit(current -> new ControllerResult<>(List.of(), reassignments.list(current, request)));
    }

    CompletionStage<ElectLeadersResponseData> electLeaders(ElectLeadersRequestData request) {
        return submit(current -> leaderElections.electLeaders(current, request));
    }

    CompletionStage<AllocateProducerIdsResponseData> allocateProducerIds(AllocateProducerIdsRequestData request) {
        return submit(current -> producerIds.allocate(current, request));
    }

    CompletionStage<CreateAclsResponseData> createAcls(CreateAclsRequestData request) {
        return submit(current -> acls.createAcls(current, request));
    }

    CompletionStage<DeleteAclsResponseData> deleteAcls(List<AclBindingFilter> filters) {
        return submit(current -> acls.deleteAcls(current, filters));
    }

    CompletionStage<DescribeQuorumResponseData> describeQuorum(DescribeQuorumRequestData request) {
        return submit(current -> new ControllerResult<>(List.of(),
            QuorumDescription.describe(request, metadataLog.describe())));
    }

    /** KIP-853: on the active controller, which leads the Raft quorum; its log changes the voters. */
    CompletionStage<AddRaftVoterResponseData> addRaftVoter(AddRaftVoterRequestData request) {
        return submit(current -> new ControllerResult<>(List.of(), current.clusterId()))
            .thenCompose(clusterId -> VoterChangeRequests.add(metadataLog, clusterId, request));
    }

    CompletionStage<RemoveRaftVoterResponseData> removeRaftVoter(RemoveRaftVoterRequestData request) {
        return submit(current -> new ControllerResult<>(List.of(), current.clusterId()))
            .thenCompose(clusterId -> VoterChangeRequests.remove(metadataLog, clusterId, request,
                VOTER_REMOVAL_TIMEOUT_MS));
    }

    /** See {@link MetadataController#autoCreateTopic}. */
    CompletionStage<Optional<TopicImage>> autoCreateTopic(String name) {
        return submit(current -> topicCreation.autoCreate(current, name),
            (ignored, committed) -> committed.topics().get(name));
    }

    private <T> CompletionStage<T> submit(Function<MetadataImage, ControllerResult<T>> operation) {
        return submit(operation, (response, committed) -> response);
    }

    private <T, R> CompletionStage<R> submit(Function<MetadataImage, ControllerResult<T>> operation,
                                             BiFunction<T, MetadataImage, R> afterCommit) {
        return thread.submit(() -> open && periodic.isActive(), () -> new NotControllerException("Node "
            + nodeId + " is not the active controller" + periodic.activeControllerId().stream()
            .mapToObj(id -> "; the controller is node " + id).findFirst().orElse("")), operation, afterCommit);
    }
}
