package io.tributary.broker.api;

import io.tributary.network.ApiVersionPolicy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The API versions this broker implements. ApiVersions advertises exactly this table and the network refuses
 * anything outside it, so adding an API here is the one switch that exposes it. Internal APIs (the ones brokers
 * send each other, such as BrokerHeartbeat) are accepted but never advertised, as a Kafka broker listener does
 * not list controller APIs.
 */
public final class SupportedApis implements ApiVersionPolicy {

    /** Every accepted API, advertised or internal: one lookup per request. */
    private final Map<ApiKeys, short[]> ranges;
    private final Set<ApiKeys> advertised;

    private SupportedApis(Map<ApiKeys, short[]> ranges, Set<ApiKeys> advertised) {
        this.ranges = Collections.unmodifiableMap(ranges);
        this.advertised = Collections.unmodifiableSet(advertised);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean isSupported(ApiKeys api, short version) {
        short[] range = ranges.get(api);
        return range != null && version >= range[0] && version <= range[1];
    }

    /** Whether the API is advertised. */
    public boolean contains(ApiKeys api) {
        return advertised.contains(api);
    }

    /** Whether the API is accepted without being advertised. */
    public boolean isInternal(ApiKeys api) {
        return ranges.containsKey(api) && !advertised.contains(api);
    }

    public short maxVersion(ApiKeys api) {
        return ranges.get(api)[1];
    }

    /** The api_keys list of an ApiVersions response. */
    public ApiVersionCollection toApiVersionCollection() {
        ApiVersionCollection collection = new ApiVersionCollection(advertised.size());
        for (ApiKeys api : advertised) {
            short[] range = ranges.get(api);
            collection.add(new ApiVersion().setApiKey(api.id).setMinVersion(range[0]).setMaxVersion(range[1]));
        }
        return collection;
    }

    public static final class Builder {
        private final Map<ApiKeys, short[]> ranges = new EnumMap<>(ApiKeys.class);
        private final Set<ApiKeys> advertised = EnumSet.noneOf(ApiKeys.class);

        /** Registers an API at the given range, which must lie inside what kafka-clients can parse. */
        public Builder add(ApiKeys api, int min, int max) {
            ranges.put(api, checked(api, min, max));
            advertised.add(api);
            return this;
        }

        /** Registers an API that other nodes send: accepted at the given range, absent from ApiVersions. */
        public Builder addInternal(ApiKeys api, int min, int max) {
            ranges.put(api, checked(api, min, max));
            advertised.remove(api);
            return this;
        }

        private static short[] checked(ApiKeys api, int min, int max) {
            if (min < api.oldestVersion() || max > api.latestVersion(true) || min > max) {
                throw new IllegalArgumentException(api + " range " + min + "-" + max + " is outside "
                        + api.oldestVersion() + "-" + api.latestVersion(true));
            }
            return new short[] {(short) min, (short) max};
        }

        public SupportedApis build() {
            return new SupportedApis(new EnumMap<>(ranges), EnumSet.copyOf(advertised));
        }
    }
}
