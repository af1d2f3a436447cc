package io.tributary.metadata.image;

import java.util.Map;

import org.apache.kafka.common.Uuid;

/** Every ACL of the cluster by its id (ids come from the controller, so replicas agree on them). */
public final class AclsImage {

    public static final AclsImage EMPTY = new AclsImage(Map.of());

    private final Map<Uuid, AclEntry> acls;

    public AclsImage(Map<Uuid, AclEntry> acls) {
        this.acls = Map.copyOf(acls);
    }

    public Map<Uuid, AclEntry> asMap() {
        return acls;
    }

    public boolean contains(AclEntry acl) {
        return acls.containsValue(acl);
    }

    public boolean isEmpty() {
        return acls.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AclsImage other && acls.equals(other.acls);
    }

    @Override
    public int hashCode() {
        return acls.hashCode();
    }

    @Override
    public String toString() {
        return "AclsImage(" + acls.size() + " acls)";
    }
}
