package io.tributary.broker.authz;

import io.tributary.metadata.image.AclsImage;
import io.tributary.network.RequestContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tributary's authorizer, with the semantics of Kafka's StandardAuthorizer: ACLs from the replicated metadata
 * log (the current image's), {@code super.users} allowed everything, {@code allow.everyone.if.no.acl.found} for
 * resources without ACLs. Decisions are cached per (principal, address, operation, resource); the cache belongs
 * to one set of ACLs and is dropped with it when the image brings a different set.
 */
public final class AclAuthorizer implements RequestAuthorizer {

    private static final Logger AUDIT = LoggerFactory.getLogger("kafka.authorizer.logger");
    /** Past this many cached decisions the cache starts over, so odd clients cannot grow it without bound. */
    static final int MAX_CACHED_DECISIONS = 100_000;

    private final Set<KafkaPrincipal> superUsers;
    private final boolean allowIfNoAcl;
    private final Supplier<AclsImage> acls;
    private volatile Snapshot snapshot;

    /** One ACL set, its index and the decisions taken on it. */
    private record Snapshot(AclIndex index, Map<DecisionKey, Boolean> decisions) {
    }

    /** Each thread looks decisions up with its own reused key: a cache hit allocates nothing. */
    private static final ThreadLocal<DecisionKey> LOOKUP = ThreadLocal.withInitial(DecisionKey::new);

    public AclAuthorizer(AuthorizerSettings settings, Supplier<AclsImage> acls) {
        this.superUsers = settings.superUsers();
        this.allowIfNoAcl = settings.allowEveryoneIfNoAclFound();
        this.acls = acls;
        this.snapshot = new Snapshot(new AclIndex(acls.get()), new ConcurrentHashMap<>());
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean authorize(RequestContext context, AclOperation operation, ResourceType type, String name) {
        return authorize(context.principal(), context.clientAddress(), operation, type, name);
    }

    /** The decision for a principal connected from {@code address}. */
    public boolean authorize(KafkaPrincipal principal, InetAddress address, AclOperation operation,
                             ResourceType type, String name) {
        KafkaPrincipal base = base(principal);
        if (superUsers.contains(base)) {
            return true;
        }
        Snapshot current = current();
        DecisionKey lookup = LOOKUP.get().set(base, address, operation, type, name);
        Boolean cached = current.decisions().get(lookup);
        if (cached != null) {
            return cached;
        }
        boolean allowed = decide(current.index(), base, address.getHostAddress(), operation, type, name);
        if (current.decisions().size() >= MAX_CACHED_DECISIONS) {
            current.decisions().clear();
        }
        current.decisions().put(lookup.copy(), allowed);
        // Logged once per cached decision; DEBUG because filtering (Metadata of all topics, ListGroups) denies too.
        if (!allowed && AUDIT.isDebugEnabled()) {
            AUDIT.debug("Principal = {} is Denied operation = {} from host = {} on resource = {}:LITERAL:{}", base,
                    operation, address.getHostAddress(), type, name);
        }
        return allowed;
    }

    private boolean decide(AclIndex index, KafkaPrincipal principal, String host, AclOperation operation,
                           ResourceType type, String name) {
        return switch (index.decide(principal, host, operation, type, name)) {
            case ALLOWED -> true;
            case DENIED -> false;
            case NO_ACLS -> allowIfNoAcl;
        };
    }

    /**
     * Kafka's Authorizer.authorizeByResourceType: allowed when some LITERAL or PREFIXED ALLOW of the operation
     * (or ALL) for the principal and host is not dominated by a DENY (a LITERAL DENY of the same name, or a
     * PREFIXED DENY of a prefix of its name; a LITERAL {@code *} DENY denies all).
     */
    @Override
    public boolean authorizeByResourceType(RequestContext context, AclOperation operation, ResourceType type) {
        // As Kafka: a made-up name, so super users and the no-ACL rule apply.
        if (authorize(context, operation, type, "hardcode")) {
            return true;
        }
        KafkaPrincipal principal = base(context.principal());
        String host = context.clientAddress().getHostAddress();
        Map<PatternType, Set<String>> deny = new EnumMap<>(PatternType.class);
        Map<PatternType, Set<String>> allow = new EnumMap<>(PatternType.class);
        for (PatternType pattern : List.of(PatternType.LITERAL, PatternType.PREFIXED)) {
            deny.put(pattern, new HashSet<>());
            allow.put(pattern, new HashSet<>());
        }
        boolean wildcardAllow = false;
        for (AclIndex.IndexedAcl acl : current().index().ofType(type)) {
            AclOperation aclOperation = acl.entry().operation();
            if (aclOperation != operation && aclOperation != AclOperation.ALL) {
                continue;
            }
            AclPermissionType permission = AclIndex.match(acl, principal, host, operation);
            if (permission == null) {
                continue;
            }
            String name = acl.entry().resourceName();
            PatternType pattern = acl.entry().patternType();
            boolean wildcard = pattern == PatternType.LITERAL && ResourcePattern.WILDCARD_RESOURCE.equals(name);
            if (permission == AclPermissionType.DENY) {
                if (wildcard) {
                    return false;
                }
                deny.get(pattern).add(name);
            } else if (wildcard) {
                wildcardAllow = true;
            } else {
                allow.get(pattern).add(name);
            }
        }
        if (wildcardAllow) {
            return true;
        }
        for (PatternType pattern : List.of(PatternType.LITERAL, PatternType.PREFIXED)) {
            for (String name : allow.get(pattern)) {
                if (pattern == PatternType.LITERAL && deny.get(PatternType.LITERAL).contains(name)) {
                    continue;
                }
                if (!dominatedByPrefixDeny(name, deny.get(PatternType.PREFIXED))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean dominatedByPrefixDeny(String name, Set<String> prefixDenies) {
        for (int length = 1; length <= name.length(); length++) {
            if (prefixDenies.contains(name.substring(0, length))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<AclBinding> acls(AclBindingFilter filter) {
        List<AclBinding> matching = new ArrayList<>();
        for (var acl : current().index().source().asMap().values()) {
            AclBinding binding = acl.toBinding();
            if (filter.matches(binding)) {
                matching.add(binding);
            }
        }
        return matching;
    }

    /** The snapshot of the image's ACLs, rebuilt (with an empty cache) when they changed. */
    private Snapshot current() {
        Snapshot current = snapshot;
        AclsImage latest = acls.get();
        if (current.index().source() == latest) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current.index().source() != latest) {
                current = new Snapshot(new AclIndex(latest), new ConcurrentHashMap<>());
                snapshot = current;
            }
            return current;
        }
    }

    /** ACLs name principals by type and name only (a SASL or TLS principal may be a subclass). */
    private static KafkaPrincipal base(KafkaPrincipal principal) {
        return principal.getClass() == KafkaPrincipal.class ? principal
                : new KafkaPrincipal(principal.getPrincipalType(), principal.getName());
    }
}
