package io.tributary.broker.partition;

import java.util.Map;

/** A topic's effective configuration: every topic config key, with overrides and broker defaults applied. */
@FunctionalInterface
public interface TopicConfigResolver {

    Map<String, ?> effectiveTopicConfig(String topic);
}
