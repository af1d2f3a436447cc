package io.tributary.network;

import org.apache.kafka.common.protocol.ApiKeys;

/** Which API versions the broker supports (the broker's ApiVersions table). */
@FunctionalInterface
public interface ApiVersionPolicy {

    boolean isSupported(ApiKeys api, short version);
}
