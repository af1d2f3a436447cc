package io.tributary.network;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/** Small request handlers for tests. */
final class TestHandlers {

    static final ApiVersionPolicy ALL_KNOWN_VERSIONS = (api, version) -> api.isVersionSupported(version);

    private TestHandlers() {
    }

    /** Answers ApiVersions like a broker that supports only ApiVersions and Metadata (flagging unsupported versions). */
    static ApiVersionsResponse apiVersionsResponse(ApiVersionsRequest request) {
        ApiVersionsResponseData.ApiVersionCollection apis = new ApiVersionsResponseData.ApiVersionCollection();
        for (ApiKeys api : List.of(ApiKeys.API_VERSIONS, ApiKeys.METADATA)) {
            apis.add(new ApiVersion().setApiKey(api.id).setMinVersion(api.oldestVersion())
                    .setMaxVersion(api.latestVersion()));
        }
        Errors error = request.hasUnsupportedRequestVersion() ? Errors.UNSUPPORTED_VERSION : Errors.NONE;
        return new ApiVersionsResponse(new ApiVersionsResponseData().setErrorCode(error.code()).setApiKeys(apis));
    }

    static RequestHandler apiVersionsHandler() {
        return (context, request) -> CompletableFuture.completedFuture(
                ResponseAction.send(apiVersionsResponse((ApiVersionsRequest) request)));
    }

    /** Records every call and hands back a future per request that the test completes. */
    static final class ManualHandler implements RequestHandler {
        final List<RequestContext> contexts = new CopyOnWriteArrayList<>();
        final List<AbstractRequest> requests = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<ResponseAction>> stages = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<ResponseAction> handle(RequestContext context, AbstractRequest request) {
            CompletableFuture<ResponseAction> stage = new CompletableFuture<>();
            contexts.add(context);
            requests.add(request);
            stages.add(stage);
            return stage;
        }

        void answerApiVersions(int index) {
            stages.get(index).complete(ResponseAction.send(apiVersionsResponse((ApiVersionsRequest) requests.get(index))));
        }
    }
}
