package io.tributary.metadata;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionRequestData;
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
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UpdateFeaturesRequestData;
import org.apache.kafka.common.message.UpdateFeaturesResponseData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.utils.Time;

import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.controller.BrokerLifecycleControl;
import io.tributary.metadata.controller.LeaderElections;
import io.tributary.metadata.log.MetadataLog;

/**
 * The controller, on every node. The image is built only from committed batches (by {@link MetadataApplier}).
 * On the active controller (the log's writer, once its image holds everything committed before its epoch)
 * operations run one at a time on the controller thread: compute records from the image, append, wait until
 * they are committed and in the image, answer. Elsewhere every operation fails with {@link NotControllerException}.
 *
 * <p>This class wires the parts and runs their life cycle; each part gets its collaborators explicitly and none
 * calls back into it: {@link ControllerOperations} (the operations and their helpers), {@link PeriodicTasks}
 * (activation, session expiry, rebalance), {@link ControllerThread}, {@link MetadataApplier} and
 * {@link ControllerRequestHandler} (Kafka requests to operations).
 */
public final class MetadataController implements AutoCloseable {

    private final ControllerConfig config;
    private final MetadataLog metadataLog;
    private final ConfigDescriber configDescriber;
    private final MetadataApplier applier;
    private final ControllerThread thread;
    private final PeriodicTasks periodic;
    private final ControllerOperations operations;
    private final ControllerRequestHandler requests;

    public MetadataController(ControllerConfig config, MetadataLog metadataLog, Time time) {
        this(config, metadataLog, time, ControllerExecutors.THREADS);
    }

    /** With the given executors instead of the controller's own threads (a simulation's simulated clock). */
    public MetadataController(ControllerConfig config, MetadataLog metadataLog, Time time,
                              ControllerExecutors executors) {
        this.config = config;
        this.metadataLog = metadataLog;
        EffectiveConfigResolver resolver = new EffectiveConfigResolver(config.nodeId(), config.staticBrokerConfig());
        this.applier = new MetadataApplier(MetadataImage.empty(config.clusterId()),
            executors.applyThread(config.nodeId()), metadataLog::imageApplied);
        this.configDescriber = new ConfigDescriber(resolver, applier::image);
        BrokerLifecycleControl lifecycle = new BrokerLifecycleControl(resolver);
        LeaderElections leaderElections = new LeaderElections();
        this.thread = new ControllerThread(executors.controllerThread(config.nodeId()), metadataLog, applier);
        this.periodic = new PeriodicTasks(config, metadataLog, time, applier, lifecycle, leaderElections,
            thread::commit);
        this.operations = new ControllerOperations(config.nodeId(), metadataLog, time, resolver, thread, periodic,
            lifecycle, leaderElections);
        this.requests = new ControllerRequestHandler(operations);
        thread.onCommitFailure(periodic::deactivate);
    }

    /**
     * Starts following the metadata log; returns once what is already in the log is in the image. A node that
     * is the writer right away (single node) is active when this returns; in a quorum it becomes active once
     * elected (see {@link #isActive()}).
     */
    public void start() {
        try {
            metadataLog.start(applier::onCommitted);
            applier.awaitDelivered().get();
            operations.open();
            thread.run(periodic::run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the controller", e);
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("Failed to start the metadata controller",
                e instanceof ExecutionException ? e.getCause() : e);
        }
        thread.scheduleEvery(PeriodicTasks.TICK_MS, periodic::run);
    }

    /** The latest committed image; safe to call from any thread. */
    /** Completes once this node's image has applied the metadata log up to {@code offset}. */
    public CompletableFuture<Void> whenApplied(long offset) {
        return applier.awaitApplied(offset);
    }

    public MetadataImage image() {
        return applier.image();
    }

    public ConfigDescriber configDescriber() {
        return configDescriber;
    }

    public int nodeId() {
        return config.nodeId();
    }

    /** True if this node is the active controller: the log's writer, with an image that is caught up. */
    public boolean isActive() {
        return periodic.isActive();
    }

    /** The active controller as far as this node knows (this node once active, else the quorum leader). */
    public OptionalInt activeControllerId() {
        return periodic.activeControllerId();
    }

    /**
     * Adds a listener. It first receives the whole current image as one delta (from an empty image), then every
     * later change, in log order, on the apply thread, so it never misses or double-applies one.
     */
    public void addListener(MetadataListener listener) {
        applier.addListener(listener);
    }

    /**
     * The broker-facing entry point: runs a controller request and answers with the response at the request's
     * version (throttle time 0). Fails with {@link NotControllerException} when this node is not active.
     */
    public CompletionStage<AbstractResponse> handle(AbstractRequest request) {
        return requests.handle(request);
    }

    public CompletionStage<CreateTopicsResponseData> createTopics(CreateTopicsRequestData request) {
        return operations.createTopics(request);
    }

    public CompletionStage<DeleteTopicsResponseData> deleteTopics(DeleteTopicsRequestData request, short version) {
        return operations.deleteTopics(request, version);
    }

    public CompletionStage<CreatePartitionsResponseData> createPartitions(CreatePartitionsRequestData request) {
        return operations.createPartitions(request);
    }

    public CompletionStage<IncrementalAlterConfigsResponseData> incrementalAlterConfigs(
        IncrementalAlterConfigsRequestData request) {
        return operations.incrementalAlterConfigs(request);
    }

    public CompletionStage<AlterConfigsResponseData> legacyAlterConfigs(AlterConfigsRequestData request) {
        return operations.legacyAlterConfigs(request);
    }

    public CompletionStage<BrokerRegistrationResponseData> registerBroker(BrokerRegistrationRequestData request) {
        return operations.registerBroker(request);
    }

    public CompletionStage<BrokerHeartbeatResponseData> brokerHeartbeat(BrokerHeartbeatRequestData request) {
        return operations.brokerHeartbeat(request);
    }

    /**
     * Fences broker {@code brokerId} at once if its registration is still {@code brokerEpoch} and unfenced: for
     * a broker whose process was found gone (connections refused or closed unanswered), so its partitions get
     * new leaders without waiting for {@code broker.session.timeout.ms}. Completes with whether it fenced.
     */
    public CompletionStage<Boolean> fenceUnreachableBroker(int brokerId, long brokerEpoch) {
        return operations.fenceUnreachableBroker(brokerId, brokerEpoch);
    }

    public CompletionStage<AlterPartitionResponseData> alterPartition(AlterPartitionRequestData request, short version) {
        return operations.alterPartition(request);
    }

    public CompletionStage<AlterPartitionReassignmentsResponseData> alterPartitionReassignments(
        AlterPartitionReassignmentsRequestData request) {
        return operations.alterPartitionReassignments(request);
    }

    public CompletionStage<ListPartitionReassignmentsResponseData> listPartitionReassignments(
        ListPartitionReassignmentsRequestData request) {
        return operations.listPartitionReassignments(request);
    }

    public CompletionStage<ElectLeadersResponseData> electLeaders(ElectLeadersRequestData request) {
        return operations.electLeaders(request);
    }

    /** UpdateFeatures at the request's {@code version}: finalizes feature levels (kafka-features). */
    public CompletionStage<UpdateFeaturesResponseData> updateFeatures(UpdateFeaturesRequestData request, short version) {
        return operations.updateFeatures(request, version);
    }

    /** UnregisterBroker: fences the broker and removes its registration (a decommissioned broker). */
    public CompletionStage<UnregisterBrokerResponseData> unregisterBroker(UnregisterBrokerRequestData request) {
        return operations.unregisterBroker(request);
    }

    public CompletionStage<AllocateProducerIdsResponseData> allocateProducerIds(AllocateProducerIdsRequestData request) {
        return operations.allocateProducerIds(request);
    }

    public CompletionStage<DescribeQuorumResponseData> describeQuorum(DescribeQuorumRequestData request) {
        return operations.describeQuorum(request);
    }

    /**
     * Creates {@code name} with the broker defaults if it does not exist and auto-creation is enabled.
     *
     * @return the topic (existing or new), or empty if it may not or could not be created
     */
    public CompletionStage<Optional<TopicImage>> autoCreateTopic(String name) {
        return operations.autoCreateTopic(name);
    }

    /** Runs the timers now (activation, session expiry, leader rebalance); tests drive a manual clock with it. */
    public CompletionStage<Void> runPeriodicTasks() {
        return thread.run(periodic::run);
    }

    @Override
    public void close() {
        thread.close();
        applier.close();
    }
}
