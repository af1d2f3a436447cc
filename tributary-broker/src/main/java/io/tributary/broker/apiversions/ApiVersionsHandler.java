package io.tributary.broker.apiversions;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.api.SupportedApis;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * Advertises the broker's API table. A client asking with a version newer than ours gets UNSUPPORTED_VERSION
 * together with the table (the network encodes it as v0), so it can retry at a version we speak.
 */
public final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest> {

    private final SupportedApis apis;

    public ApiVersionsHandler(SupportedApis apis) {
        this.apis = apis;
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
        return Responses.completed(new ApiVersionsResponse(new ApiVersionsResponseData()
                .setApiKeys(apis.toApiVersionCollection())
                .setFinalizedFeaturesEpoch(-1)));
    }
}
