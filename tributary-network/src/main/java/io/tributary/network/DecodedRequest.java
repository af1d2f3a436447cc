package io.tributary.network;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A parsed request plus the versions its response must be written with (they differ from the request's only for an
 * ApiVersions request at an unsupported version, which is answered at version 0 with header v0).
 */
record DecodedRequest(RequestHeader header, AbstractRequest request, short responseVersion,
                      short responseHeaderVersion) {
}
