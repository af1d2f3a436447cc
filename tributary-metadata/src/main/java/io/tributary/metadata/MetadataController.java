package io.tributary.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.config.BrokerConfigDefinitions;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.controller.ConfigAlteration;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.PartitionCreation;
import io.tributary.metadata.controller.TopicCreation;
import io.tributary.metadata.controller.TopicDeletion;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;

/**
 * Single-node controller. Every operation runs on one controller thread: it reads the current image, produces
 * records, appends them durably to the metadata log, applies them to a new image, tells the listeners, and only
 * then completes the caller's future. Replacing the local log with a Raft one keeps this shape.
 */
public final class MetadataController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataController.class);

    private final ControllerConfig config;
    private final MetadataLog metadataLog;
    private final Time time;
    private final EffectiveConfigResolver resolver;
    private final ConfigDescriber configDescriber;
    private final TopicCreation topicCreation;
    private final TopicDeletion topicDeletion;
    private final PartitionCreation partitionCreation = new PartitionCreation();
    private final ConfigAlteration configAlteration;
    private final ExecutorService thread;
    // Touched only on the controller thread; published to other threads through `image`.
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MetadataImage image;
    private boolean started;

    public MetadataController(ControllerConfig config, MetadataLog metadataLog, Time time) {
        this.config = config;
        this.metadataLog = metadataLog;
        this.time = time;
        this.resolver = new EffectiveConfigResolver(config.nodeId(), config.staticBrokerConfig());
        this.configDescriber = new ConfigDescriber(resolver, this::image);
        this.topicCreation = new TopicCreation(resolver);
        this.topicDeletion = new TopicDeletion(resolver);
        this.configAlteration = new ConfigAlteration(resolver);
        this.image = MetadataImage.empty(config.clusterId());
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tributary-controller-" + config.nodeId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Replays the metadata log into the image and registers this broker; returns when done. */
    public void start() {
        try {
            thread.submit(() -> {
                replayLog();
                registerBrokerIfNeeded();
                started = true;
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the controller", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to start the metadata controller", e.getCause());
        }
    }

    /** The latest committed image; safe to call from any thread. */
    public MetadataImage image() {
        return image;
    }

    public ConfigDescriber configDescriber() {
        return configDescriber;
    }

    /**
     * Adds a listener. Once the controller has started, it first receives the whole current image as one delta
     * (from an empty image), then every later change, so it never misses or double-applies one.
     */
    public void addListener(MetadataListener listener) {
        thread.execute(() -> {
            listeners.add(listener);
            if (started) {
                MetadataReplayer full = new MetadataReplayer(MetadataImage.empty(image.clusterId()));
                // Rebuild the current state as records so the listener sees creations, not a diff.
                ImageRecords.of(image).forEach(full::replay);
                notifyListener(listener, full.delta(), image);
            }
        });
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

    /**
     * Creates {@code name} with the broker defaults if it does not exist and auto-creation is enabled.
     *
     * @return the topic (existing or new), or empty if it may not or could not be created
     */
    public CompletionStage<Optional<TopicImage>> autoCreateTopic(String name) {
        return submit(current -> {
            boolean enabled = (Boolean) resolver.brokerValue(current, BrokerConfigDefinitions.AUTO_CREATE_TOPICS_ENABLE);
            if (current.topics().get(name).isPresent() || !enabled || !Topic.isValid(name)) {
                return new ControllerResult<>(List.<MetadataRecord>of(), name);
            }
            CreateTopicsRequestData request = new CreateTopicsRequestData();
            request.topics().add(new CreateTopicsRequestData.CreatableTopic().setName(name)
                .setNumPartitions(-1).setReplicationFactor((short) -1));
            // A failed creation yields no records, so the lookup below finds nothing.
            return new ControllerResult<>(topicCreation.createTopics(current, request).records(), name);
        }).thenApply(ignored -> image.topics().get(name));
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletionStage<T> submit(Function<MetadataImage, ControllerResult<T>> operation) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    if (!started) {
                        throw new IllegalStateException("The metadata controller has not been started");
                    }
                    ControllerResult<T> result = operation.apply(image);
                    commit(result.records());
                    future.complete(result.response());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(new IllegalStateException("The metadata controller is closed", e));
        }
        return future;
    }

    private void commit(List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long startNs = time.nanoseconds();
        long lastOffset;
        try {
            lastOffset = metadataLog.append(records);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to append to the metadata log", e);
        }
        MetadataReplayer replayer = new MetadataReplayer(image);
        records.forEach(replayer::replay);
        publish(replayer.delta(), replayer.build(lastOffset));
        log.debug("Committed {} metadata record(s) up to offset {} in {} us", records.size(), lastOffset,
            (time.nanoseconds() - startNs) / 1000);
    }

    private void replayLog() throws IOException {
        MetadataReplayer replayer = new MetadataReplayer(image);
        long[] lastOffset = {MetadataImage.NO_OFFSET};
        metadataLog.replay(batch -> {
            batch.records().forEach(replayer::replay);
            lastOffset[0] = batch.lastOffset();
        });
        publish(replayer.delta(), replayer.build(lastOffset[0]));
        log.info("Replayed the metadata log up to offset {}: {} topic(s)", lastOffset[0], image.topics().size());
    }

    private void registerBrokerIfNeeded() {
        BrokerRegistration wanted = config.registration();
        if (!image.brokers().get(config.nodeId()).equals(Optional.of(wanted))) {
            commit(List.of(new RegisterBrokerRecord(wanted.id(), wanted.endpoints(), wanted.rack(), wanted.fenced())));
        }
    }

    private void publish(MetadataDelta delta, MetadataImage newImage) {
        image = newImage;
        for (MetadataListener listener : listeners) {
            notifyListener(listener, delta, newImage);
        }
    }

    private static void notifyListener(MetadataListener listener, MetadataDelta delta, MetadataImage newImage) {
        try {
            listener.onMetadataUpdate(delta, newImage);
        } catch (RuntimeException e) {
            log.error("Metadata listener {} failed on the update to offset {}", listener, newImage.offset(), e);
        }
    }
}
