package io.tributary.broker;

import io.tributary.network.ApiVersionPolicy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The API versions this broker implements. ApiVersions advertises exactly this table and the network refuses
 * anything outside it, so adding an API here is the one switch that exposes it.
 */
public final class SupportedApis implements ApiVersionPolicy {

    private final Map<ApiKeys, short[]> ranges;

    private SupportedApis(Map<ApiKeys, short[]> ranges) {
        this.ranges = Collections.unmodifiableMap(ranges);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean isSupported(ApiKeys api, short version) {
        short[] range = ranges.get(api);
        return range != null && version >= range[0] && version <= range[1];
    }

    public boolean contains(ApiKeys api) {
        return ranges.containsKey(api);
    }

    public short maxVersion(ApiKeys api) {
        return ranges.get(api)[1];
    }

    /** The api_keys list of an ApiVersions response. */
    public ApiVersionCollection toApiVersionCollection() {
        ApiVersionCollection collection = new ApiVersionCollection(ranges.size());
        ranges.forEach((api, range) -> collection.add(new ApiVersion()
                .setApiKey(api.id)
                .setMinVersion(range[0])
                .setMaxVersion(range[1])));
        return collection;
    }

    public static final class Builder {
        private final Map<ApiKeys, short[]> ranges = new EnumMap<>(ApiKeys.class);

        /** Registers an API at the given range, which must lie inside what kafka-clients can parse. */
        public Builder add(ApiKeys api, int min, int max) {
            if (min < api.oldestVersion() || max > api.latestVersion(true) || min > max) {
                throw new IllegalArgumentException(api + " range " + min + "-" + max + " is outside "
                        + api.oldestVersion() + "-" + api.latestVersion(true));
            }
            ranges.put(api, new short[] {(short) min, (short) max});
            return this;
        }

        public SupportedApis build() {
            return new SupportedApis(new EnumMap<>(ranges));
        }
    }
}
