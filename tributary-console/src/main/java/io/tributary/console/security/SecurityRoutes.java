package io.tributary.console.security;

import io.tributary.console.http.Router;

/**
 * The security page's API: SCRAM users, ACLs and client quotas, each through the session's Admin client, so the
 * broker decides what the logged-in user may see and change (a refusal is a 403 with Kafka's error code).
 */
public final class SecurityRoutes {

    private SecurityRoutes() {
    }

    public static void register(Router router) {
        ScramUsers.register(router);
        Acls.register(router);
        ClientQuotas.register(router);
    }
}
