package io.tributary.broker.cluster;

import java.util.concurrent.CompletionStage;

/** Creates a topic with the broker's defaults when a client asks for metadata of a missing one. */
@FunctionalInterface
public interface TopicAutoCreator {

    /** Completes when the topic exists (created now or concurrently), or exceptionally with Kafka's error. */
    CompletionStage<Void> create(String topic);
}
