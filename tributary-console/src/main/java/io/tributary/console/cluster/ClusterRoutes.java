package io.tributary.console.cluster;

import static io.tributary.console.http.AdminFutures.await;

import io.tributary.console.ConsoleContext;
import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.Router;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeAclsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * {@code GET /cluster} (the overview: brokers, the metadata quorum, partition health, whether an authorizer runs) and
 * {@code GET /throughput} (this node's traffic). Every Admin call that does not need another's answer is sent at
 * once, so the page costs about three round trips whatever the number of partitions; the topics' min ISR configs
 * are kept for a while ({@link MinIsrCache}).
 */
public final class ClusterRoutes {

    private ClusterRoutes() {
    }

    public static void register(Router router, ConsoleContext context, ThroughputSampler throughput) {
        MinIsrCache minIsr = new MinIsrCache(System::currentTimeMillis);
        router.get("/cluster", request -> overview(request.admin(), request.session().principal(), minIsr,
                context.nodeId()));
        router.get("/throughput", request -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("nodeId", context.nodeId());
            out.put("intervalMs", ThroughputSampler.INTERVAL_MS);
            out.put("samples", throughput.samples());
            return out;
        });
    }

    private static Map<String, Object> overview(Admin admin, KafkaPrincipal principal, MinIsrCache minIsr,
                                                int servedBy) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs(AdminFutures.TIMEOUT_MS));
        KafkaFuture<QuorumInfo> quorum = admin.describeMetadataQuorum(
                new DescribeMetadataQuorumOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).quorumInfo();
        KafkaFuture<Collection<AclBinding>> acls = admin.describeAcls(AclBindingFilter.ANY,
                new DescribeAclsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).values();
        KafkaFuture<Set<String>> names = admin.listTopics(
                new ListTopicsOptions().listInternal(true).timeoutMs(AdminFutures.TIMEOUT_MS)).names();
        Set<String> topics = await(names);
        PartitionHealth.Pending health = PartitionHealth.start(admin, principal, minIsr, topics);

        QuorumInfo quorumInfo = quorumOrNull(quorum);
        Node controller = await(cluster.controller());
        // The quorum's leader is the active controller; a broker's DescribeCluster may name another node.
        Integer controllerId = quorumInfo != null && quorumInfo.leaderId() >= 0 ? Integer.valueOf(quorumInfo.leaderId())
                : controller == null || controller.isEmpty() ? null : Integer.valueOf(controller.id());
        List<Map<String, Object>> brokers = await(cluster.nodes()).stream()
                .sorted(Comparator.comparingInt(Node::id))
                .map(n -> broker(n, controllerId))
                .toList();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clusterId", await(cluster.clusterId()));
        out.put("servedBy", servedBy);
        out.put("controllerId", controllerId);
        out.put("brokers", brokers);
        out.put("quorum", quorumInfo == null ? null : quorum(quorumInfo));
        out.put("partitions", health.await());
        out.put("topics", topics.size());
        out.put("securityEnabled", securityEnabled(acls));
        return out;
    }

    private static Map<String, Object> broker(Node node, Integer controllerId) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("id", node.id());
        broker.put("host", node.host());
        broker.put("port", node.port());
        broker.put("rack", node.rack());
        broker.put("isController", controllerId != null && controllerId == node.id());
        return broker;
    }

    /** The quorum as kafka-metadata-quorum describes it; null when the cluster does not answer DescribeQuorum. */
    private static QuorumInfo quorumOrNull(KafkaFuture<QuorumInfo> quorum) throws InterruptedException {
        try {
            return await(quorum);
        } catch (ExecutionException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> quorum(QuorumInfo info) {
        long leaderEnd = info.voters().stream().filter(v -> v.replicaId() == info.leaderId())
                .mapToLong(QuorumInfo.ReplicaState::logEndOffset).findFirst().orElse(info.highWatermark());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("leaderId", info.leaderId());
        out.put("leaderEpoch", info.leaderEpoch());
        out.put("highWatermark", info.highWatermark());
        out.put("voters", info.voters().stream().map(r -> replica(r, leaderEnd)).toList());
        out.put("observers", info.observers().stream().map(r -> replica(r, leaderEnd)).toList());
        return out;
    }

    /** Lag as kafka-metadata-quorum's replication table counts it: the leader's log end minus this replica's. */
    private static Map<String, Object> replica(QuorumInfo.ReplicaState replica, long leaderEnd) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", replica.replicaId());
        out.put("logEndOffset", replica.logEndOffset());
        out.put("lag", Math.max(0, leaderEnd - replica.logEndOffset()));
        out.put("lastCaughtUpTimestamp", replica.lastCaughtUpTimestamp().isPresent()
                ? replica.lastCaughtUpTimestamp().getAsLong() : null);
        return out;
    }

    /**
     * With no authorizer the broker refuses DescribeAcls with SECURITY_DISABLED; any other answer, a refusal for
     * lack of rights included, means an authorizer runs.
     */
    private static boolean securityEnabled(KafkaFuture<?> acls) throws InterruptedException {
        try {
            await(acls);
            return true;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof SecurityDisabledException);
        }
    }
}
