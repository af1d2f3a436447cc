package io.tributary.console.broker;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * The broker's own authorizer, asked for what the console does in place rather than through a client (message
 * search reads the log directly, so it must ask as a Fetch would).
 */
public interface AccessControl {

    AccessControl ALLOW_ALL = (principal, host, operation, type, name) -> true;

    boolean allowed(KafkaPrincipal principal, String host, AclOperation operation, ResourceType type, String name);
}
