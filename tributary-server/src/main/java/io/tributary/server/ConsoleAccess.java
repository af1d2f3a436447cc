package io.tributary.server;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.console.broker.AccessControl;
import io.tributary.network.RequestContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/** The console's questions to the broker's authorizer, asked as a Fetch by the session's principal would be. */
final class ConsoleAccess {

    private ConsoleAccess() {
    }

    static AccessControl of(RequestAuthorizer authorizer, String listenerName) {
        if (!authorizer.enabled()) {
            return AccessControl.ALLOW_ALL;
        }
        RequestHeader header = new RequestHeader(ApiKeys.FETCH, ApiKeys.FETCH.latestVersion(), "tributary-console", 0);
        return (principal, host, operation, type, name) -> authorizer.authorize(new RequestContext(header,
                "tributary-console", address(host), listenerName, SecurityProtocol.SASL_PLAINTEXT, principal),
                operation, type, name);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
