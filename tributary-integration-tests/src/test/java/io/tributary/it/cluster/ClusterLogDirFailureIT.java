package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes with two log dirs each; one dir of one node fails (not the one holding its metadata log) (it vanishes and a file takes its place, so the
 * node's next file operation there fails with an I/O error). The partitions in it move away: the node leaves
 * their ISRs and, where it led, another replica leads, so acks=all writes go on; the node keeps leading and
 * following the partitions of its other dir, and DescribeLogDirs reports the failed dir with KAFKA_STORAGE_ERROR.
 */
@Tag("cluster")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterLogDirFailureIT {

    private static final int PARTITIONS = 6;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3, Map.of(
            "log.dirs", "{data}/disk-a,{data}/disk-b",
            "replica.high.watermark.checkpoint.interval.ms", "200"));

    @Test
    void partitionsOfAFailedLogDirMoveToOtherReplicasAndTheRestIsServedAsBefore() throws Exception {
        // given a topic whose partitions every node leads some of, spread over both dirs of each node
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "log-dir-failure", PARTITIONS);
        KafkaProducer<String, String> producer = cluster.clients().producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        sendToEveryPartition(producer, topic, "before");
        int node = state.controllerLeaderId() % 3 + 1; // any node; not the controller, to keep its logs readable
        // disk-b: disk-a holds the node's metadata (Raft) log too, whose failure stops a node (as in Kafka)
        Path failing = cluster.node(node).dataDir().resolve("disk-b");
        List<TopicPartition> inFailingDir = partitionsIn(state, node, failing);
        List<TopicPartition> inHealthyDir = partitionsIn(state, node, cluster.node(node).dataDir().resolve("disk-a"));
        assertThat(inFailingDir).as("partitions in %s", failing).isNotEmpty();
        assertThat(inHealthyDir).isNotEmpty();

        // when the dir fails
        deleteWhileWritten(failing);
        Files.writeString(failing, "not a directory any more");

        // then the node leaves the ISR of every partition in it and leads none of them
        await("node " + node + " out of the partitions of its failed dir").atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                    for (TopicPartition tp : inFailingDir) {
                        if (state.leaderOf(tp) == node || state.isrOf(tp).contains(node)) {
                            return false;
                        }
                    }
                    return true;
                });
        // and stays in the ISR of the partitions of its other dir, leading as before
        for (TopicPartition tp : inHealthyDir) {
            assertThat(state.isrOf(tp)).as("ISR of %s", tp).contains(node);
        }
        assertThat(state.liveBrokerIds()).contains(node);
        // and the failed dir is reported as such
        Map<String, LogDirDescription> dirs = describeLogDirs(state, node);
        assertThat(dirs.get(failing.toString()).error()).isInstanceOf(KafkaStorageException.class);
        assertThat(dirs.get(cluster.node(node).dataDir().resolve("disk-a").toString()).error()).isNull();
        // and acks=all writes go on everywhere
        sendToEveryPartition(producer, topic, "after");
        producer.close();
    }

    private static void sendToEveryPartition(KafkaProducer<String, String> producer, String topic, String tag)
            throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            sent.add(producer.send(new ProducerRecord<>(topic, p, null, tag + "-" + p)));
        }
        for (Future<?> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private static List<TopicPartition> partitionsIn(ClusterState state, int node, Path dir) throws Exception {
        LogDirDescription description = describeLogDirs(state, node).get(dir.toString());
        assertThat(description).as("log dir %s of node %d", dir, node).isNotNull();
        return new ArrayList<>(description.replicaInfos().keySet());
    }

    private static Map<String, LogDirDescription> describeLogDirs(ClusterState state, int node) throws Exception {
        return state.admin().describeLogDirs(List.of(node)).allDescriptions().get(15, TimeUnit.SECONDS).get(node);
    }

    /** Deletes a directory the node keeps writing in (its checkpoints): a file created meanwhile is deleted again. */
    private static void deleteWhileWritten(Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                Utils.delete(dir.toFile());
                return;
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }
}
