package io.tributary.metadata;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;

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
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.utils.Time;

import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.controller.BrokerLifecycleControl;
import io.tributary.metadata.controller.ConfigAlteration;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.IsrChanges;
import io.tributary.metadata.controller.LeaderElections;
import io.tributary.metadata.controller.PartitionCreation;
import io.tributary.metadata.controller.ProducerIdAllocation;
import io.tributary.metadata.controller.QuorumDescription;
import io.tributary.metadata.controller.Reassignments;
import io.tributary.metadata.controller.TopicCreation;
import io.tributary.metadata.controller.TopicDeletion;
import io.tributary.metadata.log.MetadataLog;

/**
 * The controller, on every node. The image is built only from committed batches (by {@link MetadataApplier}).
 * On the active controller (the log's writer, once its image holds everything committed before its epoch)
 * operations run one at a time on the controller thread: compute records from the image, append, wait until
 * they are committed and applied, answer. Elsewhere every operation fails with {@link NotControllerException}.
 */
public final class MetadataController implements AutoCloseable {

    private final ControllerConfig config;
    private final MetadataLog metadataLog;
    private final Time time;
    private final EffectiveConfigResolver resolver;
    private final ConfigDescriber configDescriber;
    private final TopicCreation topicCreation;
    private final TopicDeletion topicDeletion;
    private final PartitionCreation partitionCreation = new PartitionCreation();
    private final ConfigAlteration configAlteration;
    private final Reassignments reassignments = new Reassignments();
    private final IsrChanges isrChanges = new IsrChanges(reassignments);
    private final LeaderElections leaderElections = new LeaderElections();
    private final ProducerIdAllocation producerIds = new ProducerIdAllocation();
    private final BrokerLifecycleControl lifecycle;
    private final MetadataApplier applier;
    private final ControllerRequestHandler requests = new ControllerRequestHandler(this);
    private final ControllerThread thread;
    private final PeriodicTasks periodic;
    private volatile boolean started;

    public MetadataController(ControllerConfig config, MetadataLog metadataLog, Time time) {
        this.config = config;
        this.metadataLog = metadataLog;
        this.time = time;
        this.resolver = new EffectiveConfigResolver(config.nodeId(), config.staticBrokerConfig());
        this.applier = new MetadataApplier(MetadataImage.empty(config.clusterId()), config.nodeId());
        this.configDescriber = new ConfigDescriber(resolver, this::image);
        this.topicCreation = new TopicCreation(resolver);
        this.topicDeletion = new TopicDeletion(resolver);
        this.configAlteration = new ConfigAlteration(resolver);
        this.lifecycle = new BrokerLifecycleControl(resolver);
        this.thread = new ControllerThread(config.nodeId(), metadataLog, applier);
        this.periodic = new PeriodicTasks(config, metadataLog, time, applier, lifecycle, leaderElections,
            thread::commit);
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
            started = true;
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
        return isActive() ? OptionalInt.of(config.nodeId()) : metadataLog.leaderId();
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
        return submit(current -> topicCreation.createTopics(current, request));
    }

    public CompletionStage<DeleteTopicsResponseData> deleteTopics(DeleteTopicsRequestData request, short version) {
        return submit(current -> topicDeletion.deleteTopics(current, request, version));
    }

    public CompletionStage<CreatePartitionsResponseData> createPartitions(CreatePartitionsRequestData request) {
        return submit(current -> partitionCreation.createPartitions(current, request));
    }

    public CompletionStage<IncrementalAlterConfigsResponseData> incrementalAlterConfigs(
        IncrementalAlterConfigsRequestData request) {
        return submit(current -> configAlteration.incrementalAlterConfigs(current, request));
    }

    public CompletionStage<AlterConfigsResponseData> legacyAlterConfigs(AlterConfigsRequestData request) {
        return submit(current -> configAlteration.legacyAlterConfigs(current, request));
    }

    public CompletionStage<BrokerRegistrationResponseData> registerBroker(BrokerRegistrationRequestData request) {
        return submit(current -> lifecycle.register(current, request), (response, committed) -> {
            if (response.errorCode() == Errors.NONE.code()) {
                // The epoch is the offset the registration was committed at, known only now.
                response.setBrokerEpoch(committed.brokers().get(request.brokerId()).orElseThrow().epoch());
                periodic.sessions().touch(request.brokerId(), time.milliseconds());
            }
            return response;
        });
    }

    public CompletionStage<BrokerHeartbeatResponseData> brokerHeartbeat(BrokerHeartbeatRequestData request) {
        return submit(current -> {
            ControllerResult<BrokerHeartbeatResponseData> result = lifecycle.heartbeat(current, request);
            if (result.response().errorCode() == Errors.NONE.code()) {
                periodic.sessions().touch(request.brokerId(), time.milliseconds());
            }
            return result;
        });
    }

    public CompletionStage<AlterPartitionResponseData> alterPartition(AlterPartitionRequestData request, short version) {
        return submit(current -> isrChanges.alterPartition(current, request));
    }

    public CompletionStage<AlterPartitionReassignmentsResponseData> alterPartitionReassignments(
        AlterPartitionReassignmentsRequestData request) {
        return submit(current -> reassignments.alter(current, request));
    }

    public CompletionStage<ListPartitionReassignmentsResponseData> listPartitionReassignments(
        ListPartitionReassignmentsRequestData request) {
        return submit(current -> new ControllerResult<>(List.of(), reassignments.list(current, request)));
    }

    public CompletionStage<ElectLeadersResponseData> electLeaders(ElectLeadersRequestData request) {
        return submit(current -> leaderElections.electLeaders(current, request));
    }

    public CompletionStage<AllocateProducerIdsResponseData> allocateProducerIds(AllocateProducerIdsRequestData request) {
        return submit(current -> producerIds.allocate(current, request));
    }

    public CompletionStage<DescribeQuorumResponseData> describeQuorum(DescribeQuorumRequestData request) {
        return submit(current -> new ControllerResult<>(List.of(),
            QuorumDescription.describe(request, metadataLog.describe())));
    }

    /**
     * Creates {@code name} with the broker defaults if it does not exist and auto-creation is enabled.
     *
     * @return the topic (existing or new), or empty if it may not or could not be created
     */
    public CompletionStage<Optional<TopicImage>> autoCreateTopic(String name) {
        return submit(current -> topicCreation.autoCreate(current, name),
            (ignored, committed) -> committed.topics().get(name));
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

    private <T> CompletionStage<T> submit(Function<MetadataImage, ControllerResult<T>> operation) {
        return submit(operation, (response, committed) -> response);
    }

    private <T, R> CompletionStage<R> submit(Function<MetadataImage, ControllerResult<T>> operation,
                                             BiFunction<T, MetadataImage, R> afterCommit) {
        return thread.submit(() -> started && isActive(), () -> new NotControllerException("Node "
            + config.nodeId() + " is not the active controller" + activeControllerId().stream()
            .mapToObj(id -> "; the controller is node " + id).findFirst().orElse("")), operation, afterCommit);
    }
}
