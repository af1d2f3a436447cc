package io.tributary.bench.authz;

import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.broker.authz.AclAuthorizer;
import io.tributary.broker.authz.AuthorizerSettings;
import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.AclsImage;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code AclAuthorizer.authorize} over 1,000 ACLs (literal and prefixed topic ACLs for 50 principals, group ACLs,
 * wildcard and DENY entries), as the produce path asks it: WRITE on a topic, for the request's principal and host.
 * {@code cached}: the same decision again (every request of a producer after its first); {@code uncached}: a
 * different topic name each call from 200,000, so the decision is computed from the index (and cached, the cache
 * starting over past its bound).
 */
public class AuthorizeBenchmark extends AverageTimeBenchmark {

    @Param({"1000"})
    int aclCount;

    private static final int NAMES = 200_000;

    private AclAuthorizer authorizer;
    private KafkaPrincipal principal;
    private InetAddress host;
    private String[] topics;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Map<Uuid, AclEntry> acls = new HashMap<>();
        AclOperation[] operations = {AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE};
        for (int i = 0; acls.size() < aclCount; i++) {
            String user = "User:app-" + (i % 50);
            AclEntry entry = switch (i % 10) {
                case 0, 1 -> new AclEntry(ResourceType.TOPIC, "team-" + (i % 40) + "-", PatternType.PREFIXED, user, "*",
                        operations[i % 3], AclPermissionType.ALLOW);
                case 2 -> new AclEntry(ResourceType.GROUP, "group-" + i, PatternType.LITERAL, user, "*",
                        AclOperation.READ, AclPermissionType.ALLOW);
                case 3 -> new AclEntry(ResourceType.TOPIC, "secret-" + i, PatternType.LITERAL, "User:*", "*",
                        AclOperation.ALL, AclPermissionType.DENY);
                default -> new AclEntry(ResourceType.TOPIC, "topic-" + i, PatternType.LITERAL, user, "*",
                        operations[i % 3], AclPermissionType.ALLOW);
            };
            acls.put(Uuid.randomUuid(), entry);
        }
        AclsImage image = new AclsImage(acls);
        authorizer = new AclAuthorizer(new AuthorizerSettings(Set.of(), false), () -> image);
        principal = new KafkaPrincipal("User", "app-7");
        host = InetAddress.getByName("10.1.2.3");
        topics = new String[NAMES];
        for (int i = 0; i < NAMES; i++) {
            topics[i] = "team-" + (i % 40) + "-orders-" + i;
        }
    }

    @Benchmark
    public boolean cached() {
        return authorizer.authorize(principal, host, AclOperation.WRITE, ResourceType.TOPIC, "team-7-orders");
    }

    @Benchmark
    public boolean uncached() {
        String topic = topics[next];
        next = next + 1 == NAMES ? 0 : next + 1;
        return authorizer.authorize(principal, host, AclOperation.WRITE, ResourceType.TOPIC, topic);
    }
}
