package io.tributary.network;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.RequestHeader;

/** Parses one frame (header + body, size prefix already removed) into a request, applying the version policy. */
final class RequestParser {

    private static final short API_VERSIONS_FALLBACK_VERSION = 0;

    private final ApiVersionPolicy policy;

    RequestParser(ApiVersionPolicy policy) {
        this.policy = policy;
    }

    /**
     * The returned request may keep slices of {@code frame} (produce records), so the frame must outlive it.
     *
     * @throws InvalidRequestException     for a frame that can't be parsed or an unknown api key
     * @throws UnsupportedVersionException for a version the broker doesn't support (except ApiVersions)
     */
    DecodedRequest parse(ByteBuffer frame) {
        RequestHeader header = RequestHeader.parse(frame);
        ApiKeys api = header.apiKey();
        short version = header.apiVersion();
        if (!isSupported(api, version)) {
            return unsupported(header);
        }
        AbstractRequest request;
        try {
            request = AbstractRequest.parseRequest(api, version, new ByteBufferAccessor(frame)).request;
        } catch (RuntimeException e) {
            throw new InvalidRequestException("Error parsing " + api + " v" + version + " request body", e);
        }
        return new DecodedRequest(header, request, version, api.responseHeaderVersion(version));
    }

    private boolean isSupported(ApiKeys api, short version) {
        // kafka-clients can only parse versions it knows, whatever the broker's table says
        return api.isVersionSupported(version) && policy.isSupported(api, version);
    }

    /**
     * Clients send ApiVersions at their newest version before knowing ours, so Kafka answers rather than closing:
     * the body (whose layout we may not know) is skipped and the broker builds an UNSUPPORTED_VERSION reply at v0.
     */
    private static DecodedRequest unsupported(RequestHeader header) {
        if (header.apiKey() != ApiKeys.API_VERSIONS) {
            throw new UnsupportedVersionException(
                    "Unsupported " + header.apiKey() + " version " + header.apiVersion());
        }
        ApiVersionsRequest request = new ApiVersionsRequest(
                new ApiVersionsRequestData(), API_VERSIONS_FALLBACK_VERSION, header.apiVersion());
        return new DecodedRequest(header, request, API_VERSIONS_FALLBACK_VERSION, (short) 0);
    }
}
