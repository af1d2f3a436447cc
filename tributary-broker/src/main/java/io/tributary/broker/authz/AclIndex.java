package io.tributary.broker.authz;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.AclsImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * An immutable index of one {@link AclsImage}, answering Kafka's StandardAuthorizer rules: the ACLs of a resource
 * are its LITERAL ones, the LITERAL {@code *} ones and the PREFIXED ones whose name starts the resource's name; a
 * matching DENY wins over any ALLOW; an ALLOW of READ, WRITE, DELETE or ALTER also allows DESCRIBE and an ALLOW
 * of ALTER_CONFIGS also allows DESCRIBE_CONFIGS (a DENY implies nothing); a resource with ACLs, none of which
 * allow, is denied; one with no ACL at all gets the no-ACL rule ({@code allow.everyone.if.no.acl.found}).
 */
final class AclIndex {

    static final KafkaPrincipal WILDCARD_PRINCIPAL = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "*");
    private static final String WILDCARD = ResourcePattern.WILDCARD_RESOURCE;
    private static final IndexedAcl[] NONE = new IndexedAcl[0];

    /** The outcome of looking a resource's ACLs up. */
    enum Decision { ALLOWED, DENIED, NO_ACLS }

    /** An ACL with its principal parsed once. */
    record IndexedAcl(AclEntry entry, KafkaPrincipal principal) {
    }

    /** One resource type's ACLs. */
    private record Section(Map<String, IndexedAcl[]> literal, Map<String, IndexedAcl[]> prefixed,
                           int[] prefixLengths) {
    }

    private final AclsImage source;
    private final Map<ResourceType, Section> sections;

    AclIndex(AclsImage source) {
        this.source = source;
        Map<ResourceType, Map<String, List<IndexedAcl>>> literal = new EnumMap<>(ResourceType.class);
        Map<ResourceType, Map<String, List<IndexedAcl>>> prefixed = new EnumMap<>(ResourceType.class);
        for (AclEntry acl : source.asMap().values()) {
            IndexedAcl indexed = new IndexedAcl(acl, SecurityUtils.parseKafkaPrincipal(acl.principal()));
            var byType = acl.patternType() == PatternType.PREFIXED ? prefixed : literal;
            byType.computeIfAbsent(acl.resourceType(), t -> new HashMap<>())
                    .computeIfAbsent(acl.resourceName(), n -> new ArrayList<>()).add(indexed);
        }
        Map<ResourceType, Section> built = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            Map<String, IndexedAcl[]> lit = freeze(literal.get(type));
            Map<String, IndexedAcl[]> pre = freeze(prefixed.get(type));
            if (!lit.isEmpty() || !pre.isEmpty()) {
                TreeSet<Integer> lengths = new TreeSet<>();
                pre.keySet().forEach(name -> lengths.add(name.length()));
                built.put(type, new Section(lit, pre, lengths.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        this.sections = built;
    }

    AclsImage source() {
        return source;
    }

    /**
     * Kafka's decision for a principal (without subclass: compared by type and name) from {@code host} (an IP
     * address string) doing {@code operation} on the LITERAL resource {@code type:name}.
     */
    Decision decide(KafkaPrincipal principal, String host, AclOperation operation, ResourceType type, String name) {
        Section section = sections.get(type);
        if (section == null) {
            return Decision.NO_ACLS;
        }
        boolean found = false;
        boolean allowed = false;
        for (IndexedAcl[] acls : candidates(section, name)) {
            if (acls.length > 0) {
                found = true;
            }
            for (IndexedAcl acl : acls) {
                AclPermissionType result = match(acl, principal, host, operation);
                if (result == AclPermissionType.DENY) {
                    return Decision.DENIED;
                }
                allowed |= result == AclPermissionType.ALLOW;
            }
        }
        if (allowed) {
            return Decision.ALLOWED;
        }
        return found ? Decision.DENIED : Decision.NO_ACLS;
    }

    /** Every ACL of the type whose operation is {@code operation} or ALL, for authorizeByResourceType. */
    List<IndexedAcl> ofType(ResourceType type) {
        Section section = sections.get(type);
        if (section == null) {
            return List.of();
        }
        List<IndexedAcl> all = new ArrayList<>();
        section.literal().values().forEach(acls -> all.addAll(List.of(acls)));
        section.prefixed().values().forEach(acls -> all.addAll(List.of(acls)));
        return all;
    }

    private static List<IndexedAcl[]> candidates(Section section, String name) {
        List<IndexedAcl[]> candidates = new ArrayList<>(4);
        candidates.add(section.literal().getOrDefault(name, NONE));
        if (!WILDCARD.equals(name)) {
            candidates.add(section.literal().getOrDefault(WILDCARD, NONE));
        }
        for (int length : section.prefixLengths()) {
            if (length > name.length()) {
                break;
            }
            IndexedAcl[] acls = section.prefixed().get(name.substring(0, length));
            if (acls != null) {
                candidates.add(acls);
            }
        }
        return candidates;
    }

    /** ALLOW or DENY when the ACL applies to the principal, host and operation; null when it does not. */
    static AclPermissionType match(IndexedAcl acl, KafkaPrincipal principal, String host, AclOperation operation) {
        if (!acl.principal().equals(principal) && !acl.principal().equals(WILDCARD_PRINCIPAL)) {
            return null;
        }
        String aclHost = acl.entry().host();
        if (!aclHost.equals(WILDCARD) && !aclHost.equals(host)) {
            return null;
        }
        AclOperation aclOperation = acl.entry().operation();
        AclPermissionType permission = acl.entry().permissionType();
        if (aclOperation != AclOperation.ALL && aclOperation != operation
                && !(permission == AclPermissionType.ALLOW && implies(aclOperation, operation))) {
            return null;
        }
        return permission;
    }

    private static boolean implies(AclOperation granted, AclOperation wanted) {
        return switch (wanted) {
            case DESCRIBE -> granted == AclOperation.READ || granted == AclOperation.WRITE
                    || granted == AclOperation.DELETE || granted == AclOperation.ALTER;
            case DESCRIBE_CONFIGS -> granted == AclOperation.ALTER_CONFIGS;
            default -> false;
        };
    }

    private static Map<String, IndexedAcl[]> freeze(Map<String, List<IndexedAcl>> acls) {
        if (acls == null) {
            return Map.of();
        }
        Map<String, IndexedAcl[]> frozen = new HashMap<>();
        acls.forEach((name, list) -> frozen.put(name, list.toArray(NONE)));
        return frozen;
    }
}
