package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tributary.it.support.RawKafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metadata snapshots on a 3-node cluster with small thresholds: a node stopped while the others snapshot and
 * purge their Raft logs installs the leader's snapshot when it comes back, and a restarted node starts from its
 * own snapshot; topics and configs are intact, as the restarted nodes themselves answer.
 */
@Tag("cluster")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MetadataSnapshotIT {

    private static final int KEPT_TOPICS = 20;
    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-(\\d+))?");

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3, Map.of(
            "metadata.log.max.record.bytes.between.snapshots", "16384",
            "metadata.log.segment.bytes", "65536"));

    @Test
    void aLaggingNodeInstallsTheLeadersSnapshotAndARestartedNodeStartsFromItsOwn() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        Admin admin = cluster.clients().admin();
        List<NewTopic> kept = new ArrayList<>();
        for (int i = 0; i < KEPT_TOPICS; i++) {
            kept.add(new NewTopic("kept-" + i, 1, (short) 3));
        }
        admin.createTopics(kept).all().get(60, TimeUnit.SECONDS);
        int leader = cluster.state().quorum().leaderId();
        ClusterNode lagging = cluster.nodes().stream().filter(n -> n.id() != leader).findFirst().orElseThrow();
        lagging.stop();
        // The stopped node holds nothing beyond the others' log ends.
        QuorumInfo quorum = cluster.state().quorum();
        long laggingEnd = Math.max(quorum.highWatermark(), quorum.voters().stream()
                .mapToLong(QuorumInfo.ReplicaState::logEndOffset).max().orElseThrow());

        // when: topics are created and deleted and configs changed until the others purged what it lacks
        int round = 0;
        while (firstIndexOfOthers(cluster, lagging) <= laggingEnd + 1) {
            churn(admin, round++);
            assertThat(round).as("the Raft logs are purged after snapshots").isLessThan(400);
        }
        churn(admin, round++);
        cluster.restart(lagging);

        // then
        assertThat(lagging.console()).contains("Installing the metadata snapshot");
        assertServesTheMetadata(lagging, round - 1);

        // when: a node restarts
        ClusterNode restarted = cluster.node(leader);
        restarted.stop();
        cluster.restart(restarted);

        // then: it starts from its snapshot, and no node keeps the first Raft segments
        assertThat(restarted.console()).contains("Starting the metadata state machine from snapshot")
                .contains("Loaded the metadata snapshot at offset");
        assertServesTheMetadata(restarted, round - 1);
        for (ClusterNode node : cluster.nodes()) {
            assertThat(snapshotFiles(node)).as("snapshots of " + node).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            assertThat(firstIndex(node)).as("first Raft index of " + node).isGreaterThan(laggingEnd + 1);
        }
    }

    /** Creates five topics, changes four configs of every kept topic, deletes the five topics. */
    private static void churn(Admin admin, int round) throws Exception {
        List<NewTopic> transient_ = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            transient_.add(new NewTopic("churn-" + round + "-" + i, 1, (short) 1));
        }
        admin.createTopics(transient_).all().get(60, TimeUnit.SECONDS);
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
        for (int i = 0; i < KEPT_TOPICS; i++) {
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, "kept-" + i), List.of(
                    set("retention.ms", Long.toString(3_600_000L + round)),
                    set("segment.ms", Long.toString(7_200_000L + round)),
                    set("max.message.bytes", Integer.toString(1_000_000 + round)),
                    set("delete.retention.ms", Long.toString(86_400_000L + round))));
        }
        admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
        admin.deleteTopics(transient_.stream().map(NewTopic::name).toList()).all().get(60, TimeUnit.SECONDS);
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    /** The node's own image, asked over a raw connection to it: kept topics with the last configs, no churn. */
    private static void assertServesTheMetadata(ClusterNode node, int lastRound) {
        await("metadata served by " + node).atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", node.clientPort())) {
                RequestHeader header = RawKafkaConnection.header(ApiKeys.METADATA, (short) 12, 1);
                MetadataResponse metadata = connection.roundTrip(MetadataRequest.Builder.allTopics()
                        .build((short) 12), header);
                List<String> topics = metadata.data().topics().stream().map(t -> t.name()).sorted().toList();
                assertThat(topics).hasSize(KEPT_TOPICS).allMatch(name -> name.startsWith("kept-"));
                DescribeConfigsRequestData request = new DescribeConfigsRequestData();
                for (int i = 0; i < KEPT_TOPICS; i++) {
                    request.resources().add(new DescribeConfigsRequestData.DescribeConfigsResource()
                            .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("kept-" + i)
                            .setConfigurationKeys(List.of("retention.ms", "delete.retention.ms")));
                }
                RequestHeader configsHeader = RawKafkaConnection.header(ApiKeys.DESCRIBE_CONFIGS, (short) 4, 2);
                DescribeConfigsResponse configs = connection.roundTrip(
                        new DescribeConfigsRequest.Builder(request).build((short) 4), configsHeader);
                assertThat(configs.data().results()).hasSize(KEPT_TOPICS);
                for (DescribeConfigsResponseData.DescribeConfigsResult result : configs.data().results()) {
                    Map<String, String> values = result.configs().stream().collect(Collectors.toMap(
                            DescribeConfigsResponseData.DescribeConfigsResourceResult::name,
                            DescribeConfigsResponseData.DescribeConfigsResourceResult::value));
                    assertThat(values).containsEntry("retention.ms", Long.toString(3_600_000L + lastRound))
                            .containsEntry("delete.retention.ms", Long.toString(86_400_000L + lastRound));
                }
            }
        });
    }

    private static long firstIndexOfOthers(ProcessCluster cluster, ClusterNode except) throws IOException {
        long first = Long.MAX_VALUE;
        for (ClusterNode node : cluster.nodes()) {
            if (node != except) {
                first = Math.min(first, firstIndex(node));
            }
        }
        return first;
    }

    /** The smallest start index of the node's Raft log segments. */
    private static long firstIndex(ClusterNode node) throws IOException {
        return segmentIndexes(node, 1).min().orElse(-1);
    }

    private static java.util.stream.LongStream segmentIndexes(ClusterNode node, int group) throws IOException {
        List<Long> indexes = new ArrayList<>();
        for (Path file : raftFiles(node)) {
            Matcher m = SEGMENT.matcher(file.getFileName().toString());
            if (m.matches() && m.group(group) != null) {
                indexes.add(Long.parseLong(m.group(group)));
            }
        }
        return indexes.stream().mapToLong(Long::longValue);
    }

    private static List<Path> snapshotFiles(ClusterNode node) throws IOException {
        return raftFiles(node).stream().filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                .toList();
    }

    private static List<Path> raftFiles(ClusterNode node) throws IOException {
        try (Stream<Path> files = Files.walk(node.dataDir().resolve("raft"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
