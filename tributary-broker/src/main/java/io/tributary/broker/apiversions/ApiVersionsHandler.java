package io.tributary.broker.apiversions;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.api.SupportedApis;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.message.ApiVersionsResponseData.FinalizedFeatureKey;
import org.apache.kafka.common.message.ApiVersionsResponseData.FinalizedFeatureKeyCollection;
import org.apache.kafka.common.message.ApiVersionsResponseData.SupportedFeatureKey;
import org.apache.kafka.common.message.ApiVersionsResponseData.SupportedFeatureKeyCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * Advertises the broker's API table. A client asking with a version newer than ours gets UNSUPPORTED_VERSION
 * together with the table (the network encodes it as v0), so it can retry at a version we speak.
 */
public final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest> {

    /** A feature supported from {@code minVersion} to {@code maxVersion}, finalized at {@code finalizedVersion}. */
    public record Feature(String name, short minVersion, short maxVersion, short finalizedVersion) {
    }

    private final SupportedApis apis;
    private final Supplier<List<Feature>> features;
    private final LongSupplier featuresEpoch;

    public ApiVersionsHandler(SupportedApis apis) {
        this(apis, List::of, () -> -1L);
    }

    /**
     * @param features      advertised in v3+ as supported and finalized (KIP-584), e.g. share.version
     * @param featuresEpoch the epoch of the finalized features (the metadata offset, as Kafka)
     */
    public ApiVersionsHandler(SupportedApis apis, List<Feature> features, LongSupplier featuresEpoch) {
        this(apis, () -> features, featuresEpoch);
    }

    /** With features read at every request: their finalized levels change with UpdateFeatures. */
    public ApiVersionsHandler(SupportedApis apis, Supplier<List<Feature>> features, LongSupplier featuresEpoch) {
        this.apis = apis;
        this.features = features;
        this.featuresEpoch = featuresEpoch;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, ApiVersionsRequest request) {
        if (request.hasUnsupportedRequestVersion()) {
            // As Kafka: only our ApiVersions range, so the client knows which version to retry with.
            ApiVersionCollection onlyApiVersions = new ApiVersionCollection(1);
            onlyApiVersions.add(new ApiVersion()
                    .setApiKey(ApiKeys.API_VERSIONS.id)
                    .setMinVersion(ApiKeys.API_VERSIONS.oldestVersion())
                    .setMaxVersion(apis.maxVersion(ApiKeys.API_VERSIONS)));
            return Responses.completed(new ApiVersionsResponse(new ApiVersionsResponseData()
                    .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
                    .setApiKeys(onlyApiVersions)));
        }
        if (!request.isValid()) {
            return Responses.completed(request.getErrorResponse(0, Errors.INVALID_REQUEST.exception()));
        }
        ApiVersionsResponseData data = new ApiVersionsResponseData()
                .setApiKeys(apis.toApiVersionCollection())
                .setFinalizedFeaturesEpoch(-1);
        List<Feature> current = context.apiVersion() >= 3 ? features.get() : List.of();
        if (!current.isEmpty()) {
            SupportedFeatureKeyCollection supported = new SupportedFeatureKeyCollection();
            FinalizedFeatureKeyCollection finalized = new FinalizedFeatureKeyCollection();
            for (Feature feature : current) {
                supported.add(new SupportedFeatureKey().setName(feature.name()).setMinVersion(feature.minVersion())
                        .setMaxVersion(feature.maxVersion()));
                if (feature.finalizedVersion() > 0) { // a disabled feature (level 0) is not listed, as Kafka
                    finalized.add(new FinalizedFeatureKey().setName(feature.name())
                            .setMinVersionLevel(feature.finalizedVersion())
                            .setMaxVersionLevel(feature.finalizedVersion()));
                }
            }
            data.setSupportedFeatures(supported).setFinalizedFeatures(finalized)
                    .setFinalizedFeaturesEpoch(featuresEpoch.getAsLong());
        }
        return Responses.completed(new ApiVersionsResponse(data));
    }
}
