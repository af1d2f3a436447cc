package io.tributary.broker.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.acl.AclPermissionType.ALLOW;
import static org.apache.kafka.common.acl.AclPermissionType.DENY;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.AclsImage;
import io.tributary.network.RequestContext;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.junit.jupiter.api.Test;

/** Kafka's StandardAuthorizer rules, one by one. */
class AclAuthorizerTest {

    private static final KafkaPrincipal ALICE = new KafkaPrincipal("User", "alice");
    private static final KafkaPrincipal BOB = new KafkaPrincipal("User", "bob");
    private static final InetAddress HOST = address("192.168.0.7");
    private static final InetAddress OTHER_HOST = address("192.168.0.8");

    private final AtomicReference<AclsImage> image = new AtomicReference<>(AclsImage.EMPTY);
    private final Map<Uuid, AclEntry> acls = new HashMap<>();

    private AclAuthorizer authorizer(Set<KafkaPrincipal> superUsers, boolean allowIfNoAcl) {
        return new AclAuthorizer(new AuthorizerSettings(superUsers, allowIfNoAcl), image::get);
    }

    private AclAuthorizer authorizer() {
        return authorizer(Set.of(), false);
    }

    private void add(ResourceType type, String name, PatternType pattern, String principal, String host,
                     AclOperation operation, AclPermissionType permission) {
        acls.put(Uuid.randomUuid(), new AclEntry(type, name, pattern, principal, host, operation, permission));
        image.set(new AclsImage(acls));
    }

    private void allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        add(type, name, pattern, "User:alice", "*", operation, ALLOW);
    }

    @Test
    void withoutAnyAclOnlySuperUsersOrTheNoAclRuleAllow() {
        assertThat(authorizer().authorize(ALICE, HOST, READ, TOPIC, "t")).isFalse();
        assertThat(authorizer(Set.of(ALICE), false).authorize(ALICE, HOST, READ, TOPIC, "t")).isTrue();
        assertThat(authorizer(Set.of(), true).authorize(ALICE, HOST, READ, TOPIC, "t")).isTrue();
    }

    @Test
    void theNoAclRuleDoesNotApplyOnceTheResourceHasAnyAcl() {
        add(TOPIC, "t", LITERAL, "User:bob", "*", READ, ALLOW);
        AclAuthorizer open = authorizer(Set.of(), true);

        assertThat(open.authorize(ALICE, HOST, READ, TOPIC, "t")).isFalse();
        assertThat(open.authorize(BOB, HOST, READ, TOPIC, "t")).isTrue();
        assertThat(open.authorize(ALICE, HOST, READ, TOPIC, "other")).isTrue();
    }

    @Test
    void literalPrefixedAndWildcardPatternsMatchAsKafkaDoes() {
        allow(TOPIC, "orders", LITERAL, WRITE);
        allow(TOPIC, "pay-", PREFIXED, READ);
        allow(GROUP, "*", LITERAL, READ);
        AclAuthorizer authorizer = authorizer();

        assertThat(authorizer.authorize(ALICE, HOST, WRITE, TOPIC, "orders")).isTrue();
        assertThat(authorizer.authorize(ALICE, HOST, WRITE, TOPIC, "orders2")).isFalse();
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "pay-eu")).isTrue();
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "pay-")).isTrue();
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "pay")).isFalse();
        assertThat(authorizer.authorize(ALICE, HOST, READ, GROUP, "any-group")).isTrue();
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "*")).isFalse();
    }

    @Test
    void aDenyWinsOverEveryAllowButImpliesNothing() {
        allow(TOPIC, "pay-", PREFIXED, ALL);
        add(TOPIC, "pay-secret", LITERAL, "User:*", "*", READ, DENY);
        AclAuthorizer authorizer = authorizer();

        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "pay-secret")).isFalse();
        assertThat(authorizer.authorize(ALICE, HOST, WRITE, TOPIC, "pay-secret")).isTrue();
        // DENY READ does not deny DESCRIBE, which ALL allows.
        assertThat(authorizer.authorize(ALICE, HOST, DESCRIBE, TOPIC, "pay-secret")).isTrue();
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "pay-public")).isTrue();
    }

    @Test
    void readWriteDeleteAndAlterImplyDescribeAndAlterConfigsImpliesDescribeConfigs() {
        allow(TOPIC, "r", LITERAL, READ);
        allow(TOPIC, "w", LITERAL, WRITE);
        allow(TOPIC, "d", LITERAL, DELETE);
        allow(TOPIC, "a", LITERAL, ALTER);
        allow(TOPIC, "c", LITERAL, CREATE);
        allow(TOPIC, "ac", LITERAL, ALTER_CONFIGS);
        AclAuthorizer authorizer = authorizer();

        for (String topic : new String[] {"r", "w", "d", "a"}) {
            assertThat(authorizer.authorize(ALICE, HOST, DESCRIBE, TOPIC, topic)).as(topic).isTrue();
        }
        assertThat(authorizer.authorize(ALICE, HOST, DESCRIBE, TOPIC, "c")).isFalse();
        assertThat(authorizer.authorize(ALICE, HOST, DESCRIBE_CONFIGS, TOPIC, "ac")).isTrue();
        assertThat(authorizer.authorize(ALICE, HOST, DESCRIBE, TOPIC, "ac")).isFalse();
        assertThat(authorizer.authorize(ALICE, HOST, WRITE, TOPIC, "r")).isFalse();
    }

    @Test
    void hostsAndPrincipalsMustMatch() {
        add(TOPIC, "t", LITERAL, "User:alice", "192.168.0.7", READ, ALLOW);
        add(TOPIC, "all", LITERAL, "User:*", "*", READ, ALLOW);
        AclAuthorizer authorizer = authorizer();

        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "t")).isTrue();
        assertThat(authorizer.authorize(ALICE, OTHER_HOST, READ, TOPIC, "t")).isFalse();
        assertThat(authorizer.authorize(BOB, HOST, READ, TOPIC, "t")).isFalse();
        assertThat(authorizer.authorize(BOB, OTHER_HOST, READ, TOPIC, "all")).isTrue();
    }

    @Test
    void superUsersAreAllowedDespiteDenies() {
        add(TOPIC, "t", LITERAL, "User:alice", "*", ALL, DENY);

        assertThat(authorizer(Set.of(ALICE), false).authorize(ALICE, HOST, READ, TOPIC, "t")).isTrue();
    }

    @Test
    void cachedDecisionsFollowAclChanges() {
        AclAuthorizer authorizer = authorizer();
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "t")).isFalse();

        allow(TOPIC, "t", LITERAL, READ);
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "t")).isTrue();

        acls.clear();
        image.set(new AclsImage(acls));
        assertThat(authorizer.authorize(ALICE, HOST, READ, TOPIC, "t")).isFalse();
    }

    @Test
    void authorizeByResourceTypeFollowsKafkasDominanceRules() {
        RequestContext alice = context(ALICE);
        AclAuthorizer authorizer = authorizer();
        assertThat(authorizer.authorizeByResourceType(alice, WRITE, TOPIC)).isFalse();

        allow(TOPIC, "pay-eu", LITERAL, WRITE);
        add(TOPIC, "pay-", PREFIXED, "User:alice", "*", WRITE, DENY);
        assertThat(authorizer.authorizeByResourceType(alice, WRITE, TOPIC)).isFalse();

        allow(TOPIC, "orders", LITERAL, WRITE);
        assertThat(authorizer.authorizeByResourceType(alice, WRITE, TOPIC)).isTrue();
        assertThat(authorizer.authorizeByResourceType(context(BOB), WRITE, TOPIC)).isFalse();
    }

    @Test
    void aclsAreListedByFilter() {
        allow(TOPIC, "pay-", PREFIXED, READ);
        allow(TOPIC, "pay-eu", LITERAL, WRITE);
        allow(GROUP, "g", LITERAL, READ);

        assertThat(authorizer().acls(new AclBindingFilter(new ResourcePatternFilter(TOPIC, "pay-eu",
                PatternType.MATCH), AccessControlEntryFilter.ANY))).hasSize(2);
        assertThat(authorizer().acls(new AclBindingFilter(new ResourcePatternFilter(ResourceType.ANY, null,
                PatternType.LITERAL), AccessControlEntryFilter.ANY))).hasSize(2);
    }

    @Test
    void authorizedOperationsAreTheBitsOfTheAllowedSupportedOperations() {
        allow(TOPIC, "t", LITERAL, WRITE);
        int bits = authorizer().authorizedOperations(context(ALICE), TOPIC, "t");

        assertThat(bits).isEqualTo((1 << WRITE.code()) | (1 << DESCRIBE.code()));
        assertThat(RequestAuthorizer.NONE.authorizedOperations(context(ALICE), GROUP, "g"))
                .isEqualTo(RequestAuthorizer.bitsOf(SupportedOperations.of(GROUP)));
    }

    private static RequestContext context(KafkaPrincipal principal) {
        RequestHeader header = new RequestHeader(new RequestHeaderData().setRequestApiKey(ApiKeys.METADATA.id)
                .setRequestApiVersion((short) 12).setClientId("test"), (short) 2);
        return new RequestContext(header, "c-1", HOST, "PLAINTEXT",
                org.apache.kafka.common.security.auth.SecurityProtocol.PLAINTEXT, principal);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
