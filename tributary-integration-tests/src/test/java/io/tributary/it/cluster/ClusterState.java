package io.tributary.it.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.tributary.it.support.TestClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What the cluster says about itself through the Admin client: live brokers (DescribeCluster), leaders, replicas
 * and ISR (DescribeTopics, as {@code kafka-topics --describe} shows them) and the metadata quorum
 * (DescribeQuorum, as {@code kafka-metadata-quorum describe} shows it).
 */
public final class ClusterState {

    private static final long CALL_TIMEOUT_SECONDS = 15;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final Admin admin;

    ClusterState(TestClients clients) {
        // Short request timeout: a paused node accepts connections but never answers, and the admin client must
        // give up on it quickly and ask another node.
        this.admin = clients.newAdmin(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    public Admin admin() {
        return admin;
    }

    /** Registered, unfenced brokers. */
    public Set<Integer> liveBrokerIds() throws Exception {
        return admin.describeCluster().nodes().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .map(Node::id).collect(Collectors.toSet());
    }

    public TopicDescription topic(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic);
    }

    public TopicPartitionInfo partition(TopicPartition partition) throws Exception {
        return topic(partition.topic()).partitions().stream()
                .filter(info -> info.partition() == partition.partition()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no partition " + partition));
    }

    /** The leader's node id, or -1 while the partition has none. */
    public int leaderOf(TopicPartition partition) throws Exception {
        Node leader = partition(partition).leader();
        return leader == null || leader.isEmpty() ? -1 : leader.id();
    }

    public List<Integer> replicasOf(TopicPartition partition) throws Exception {
        return ids(partition(partition).replicas());
    }

    public Set<Integer> isrOf(TopicPartition partition) throws Exception {
        return Set.copyOf(ids(partition(partition).isr()));
    }

    /** True when every partition of the topic has a leader and all its replicas in the ISR. */
    public boolean hasFullIsr(String topic) throws Exception {
        return hasFullIsr(topic(topic));
    }

    private static boolean hasFullIsr(TopicDescription description) {
        return description.partitions().stream().allMatch(info -> info.leader() != null && !info.leader().isEmpty()
                && Set.copyOf(ids(info.isr())).equals(Set.copyOf(ids(info.replicas()))));
    }

    /** Waits until every partition has a leader and all its replicas in the ISR (a timeout shows the last state). */
    public void awaitFullIsr(String topic, Duration timeout) {
        await("every replica of " + topic + " in the ISR").atMost(timeout).pollInterval(POLL_INTERVAL)
                .ignoreExceptions().until(() -> topic(topic), ClusterState::hasFullIsr);
    }

    public void awaitIsr(TopicPartition partition, String description, Predicate<Set<Integer>> condition,
                         Duration timeout) {
        await("ISR of " + partition + " " + description).atMost(timeout).pollInterval(POLL_INTERVAL)
                .ignoreExceptions().until(() -> isrOf(partition), condition);
    }

    /** Waits until the partition has a leader that is not {@code formerLeader}, and returns it. */
    public int awaitNewLeader(TopicPartition partition, int formerLeader, Duration timeout) {
        return await("a leader of " + partition + " other than " + formerLeader).atMost(timeout)
                .pollInterval(POLL_INTERVAL).ignoreExceptions()
                .until(() -> leaderOf(partition), leader -> leader >= 0 && leader != formerLeader);
    }

    public QuorumInfo quorum() throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The node id of the active controller (the Raft leader of the metadata quorum). */
    public int controllerLeaderId() throws Exception {
        return quorum().leaderId();
    }

    /** Waits until the quorum has a leader that is not {@code formerLeader}, and returns it. */
    public int awaitNewControllerLeader(int formerLeader, Duration timeout) {
        return await("a controller leader other than " + formerLeader).atMost(timeout).pollInterval(POLL_INTERVAL)
                .ignoreExceptions().until(this::controllerLeaderId, leader -> leader >= 0 && leader != formerLeader);
    }

    /** The topic as {@code kafka-topics --describe} prints it. */
    public String describeTopic(String topic) throws Exception {
        TopicDescription description = topic(topic);
        StringBuilder out = new StringBuilder();
        out.append("Topic: ").append(topic).append("\tPartitionCount: ").append(description.partitions().size())
                .append("\tReplicationFactor: ").append(description.partitions().get(0).replicas().size());
        description.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .forEach(info -> out.append("\n\tTopic: ").append(topic)
                        .append("\tPartition: ").append(info.partition())
                        .append("\tLeader: ").append(info.leader() == null || info.leader().isEmpty()
                                ? "none" : String.valueOf(info.leader().id()))
                        .append("\tReplicas: ").append(joined(ids(info.replicas())))
                        .append("\tIsr: ").append(joined(ids(info.isr()))));
        return out.toString();
    }

    /** The quorum as {@code kafka-metadata-quorum describe --status} and {@code --replication} print it. */
    public String describeQuorum() throws Exception {
        QuorumInfo quorum = quorum();
        StringBuilder out = new StringBuilder();
        out.append("LeaderId: ").append(quorum.leaderId())
                .append("\tLeaderEpoch: ").append(quorum.leaderEpoch())
                .append("\tHighWatermark: ").append(quorum.highWatermark())
                .append("\tCurrentVoters: ").append(quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId)
                        .sorted().toList())
                .append("\tCurrentObservers: ").append(quorum.observers().stream()
                        .map(QuorumInfo.ReplicaState::replicaId).sorted().toList());
        for (QuorumInfo.ReplicaState voter : quorum.voters()) {
            out.append("\n\tNodeId: ").append(voter.replicaId())
                    .append("\tLogEndOffset: ").append(voter.logEndOffset())
                    .append("\tLag: ").append(quorum.highWatermark() - voter.logEndOffset())
                    .append("\tStatus: ").append(voter.replicaId() == quorum.leaderId() ? "Leader" : "Follower");
        }
        return out.toString();
    }

    static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static String joined(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
