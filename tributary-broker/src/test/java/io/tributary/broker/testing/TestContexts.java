package io.tributary.broker.testing;

import io.tributary.network.RequestContext;
import java.net.InetAddress;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;

/** Request contexts as the network would build them. */
public final class TestContexts {

    private TestContexts() {
    }

    public static RequestContext withClientId(String clientId) {
        return of(ApiKeys.CREATE_TOPICS, ApiKeys.CREATE_TOPICS.latestVersion(), clientId);
    }

    public static RequestContext of(ApiKeys api, short version, String clientId) {
        return new RequestContext(new RequestHeader(api, version, clientId, 1), "local-remote-1",
                InetAddress.getLoopbackAddress(), TestImages.LISTENER);
    }
}
