package io.tributary.broker.authz;

import java.net.InetAddress;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * What a cached authorization decision is about. Mutable only so that a thread can reuse one instance for its
 * look-ups; the keys stored in the cache are copies that are never changed.
 */
final class DecisionKey {

    private KafkaPrincipal principal;
    private InetAddress address;
    private AclOperation operation;
    private ResourceType type;
    private String name;
    private int hash;

    DecisionKey set(KafkaPrincipal principal, InetAddress address, AclOperation operation, ResourceType type,
                    String name) {
        this.principal = principal;
        this.address = address;
        this.operation = operation;
        this.type = type;
        this.name = name;
        int h = principal.hashCode();
        h = 31 * h + address.hashCode();
        h = 31 * h + operation.ordinal();
        h = 31 * h + type.ordinal();
        this.hash = 31 * h + name.hashCode();
        return this;
    }

    DecisionKey copy() {
        return new DecisionKey().set(principal, address, operation, type, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionKey other && hash == other.hash && operation == other.operation
                && type == other.type && name.equals(other.name) && principal.equals(other.principal)
                && address.equals(other.address);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
