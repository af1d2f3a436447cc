package io.tributary.bench.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Creates the ACLs of bench/run.sh's BENCH_ACLS runs through the Admin client (what kafka-acls sends): the few the
 * bench principal needs (prefixed topic and group ACLs) and, up to the count asked, a mix for 50 other principals
 * (literal and prefixed topic ACLs, group ACLs, host-scoped DENYs, {@code User:*} DENYs on other topics), some of
 * which name the bench's own topics, so the authorizer has more than one candidate to weigh there. Then checks with
 * DescribeAcls that the broker holds exactly that many, and that the bench's clients are really refused what the
 * ACLs do not allow (so a run "with ACLs" never silently measures a broker without an authorizer).
 *
 * <p>Usage: {@code AclSetup ADMIN_BOOTSTRAP ADMIN_CONFIG COUNT PRINCIPAL TOPIC_PREFIX GROUP_PREFIX CLIENT_BOOTSTRAP
 * CLIENT_CONFIG}
 */
public final class AclSetup {

    private static final int OTHER_PRINCIPALS = 50;
    private static final int BATCH = 200;

    private AclSetup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("Usage: AclSetup ADMIN_BOOTSTRAP ADMIN_CONFIG COUNT PRINCIPAL TOPIC_PREFIX GROUP_PREFIX"
                    + " CLIENT_BOOTSTRAP CLIENT_CONFIG");
            System.exit(1);
        }
        List<AclBinding> acls = acls(Integer.parseInt(args[2]), args[3], args[4], args[5]);
        Properties config = ClientConfigFile.load(args[1]);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(config)) {
            for (int i = 0; i < acls.size(); i += BATCH) {
                admin.createAcls(acls.subList(i, Math.min(acls.size(), i + BATCH))).all().get();
            }
            Collection<AclBinding> held = admin.describeAcls(AclBindingFilter.ANY).values().get();
            if (held.size() != acls.size()) {
                System.err.println("The broker holds " + held.size() + " ACLs, expected " + acls.size());
                System.exit(2);
            }
        }
        if (!benchClientIsRefused(args[6], args[7], "acl-check-not-" + args[4])) {
            System.err.println("The bench's client could create a topic its ACLs do not allow: no authorizer?");
            System.exit(3);
        }
        System.out.println("created " + acls.size() + " ACLs; a topic outside them is refused to the bench's client");
    }

    private static boolean benchClientIsRefused(String bootstrap, String clientConfig, String topic) throws Exception {
        Properties config = ClientConfigFile.load(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(config)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof ClusterAuthorizationException) return true;
            throw e;
        }
    }

    /** Exactly {@code count} distinct ACLs, the bench principal's first. */
    static List<AclBinding> acls(int count, String principal, String topicPrefix, String groupPrefix) {
        List<AclBinding> acls = new ArrayList<>(benchAcls(principal, topicPrefix, groupPrefix));
        if (count < acls.size())
            throw new IllegalArgumentException("At least " + acls.size() + " ACLs are needed for the bench itself");
        AclOperation[] topicOperations = {AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE};
        for (int i = 0; acls.size() < count; i++) {
            String user = "User:app-" + (i % OTHER_PRINCIPALS);
            AclOperation operation = topicOperations[i % topicOperations.length];
            acls.add(switch (i % 10) {
                case 0, 1 -> allow(ResourceType.TOPIC, "team-" + i + "-", PatternType.PREFIXED, user, operation);
                case 2 -> allow(ResourceType.GROUP, "group-" + i, PatternType.LITERAL, user, AclOperation.READ);
                case 3 -> allow(ResourceType.GROUP, "team-" + i + "-", PatternType.PREFIXED, user, AclOperation.READ);
                case 4 -> binding(ResourceType.TOPIC, "secret-" + i, PatternType.LITERAL, "User:*", "*",
                        AclOperation.ALL, AclPermissionType.DENY);
                case 5 -> binding(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, user, "10.0." + i / 250 + "." + i % 250,
                        AclOperation.WRITE, AclPermissionType.DENY); // another principal, another host: not ours
                default -> allow(ResourceType.TOPIC, "topic-" + i, PatternType.LITERAL, user, operation);
            });
        }
        return acls;
    }

    /** What the bench's tools need: create, produce to, read its topics; read in its groups (IDEMPOTENT_WRITE is
     * implied by WRITE on a topic, KIP-679). */
    private static List<AclBinding> benchAcls(String principal, String topicPrefix, String groupPrefix) {
        return List.of(
                allow(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, principal, AclOperation.CREATE),
                allow(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, principal, AclOperation.WRITE),
                allow(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, principal, AclOperation.READ),
                allow(ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, principal, AclOperation.READ));
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
                                    AclOperation operation) {
        return binding(type, name, pattern, principal, "*", operation, AclPermissionType.ALLOW);
    }

    private static AclBinding binding(ResourceType type, String name, PatternType pattern, String principal,
                                      String host, AclOperation operation, AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, host, operation, permission));
    }
}
