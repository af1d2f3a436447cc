package io.tributary.metadata.config;

import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

/** The effective (typed) value of a config and where it came from. */
public record ResolvedConfig(String name, Object value, ConfigSource source) {
}
