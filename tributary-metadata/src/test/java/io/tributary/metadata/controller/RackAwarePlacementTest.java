package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.PartitionRegistration;

/** broker.rack as the controller places replicas: on topic creation and when partitions are added. */
class RackAwarePlacementTest {

    private static final Map<Integer, String> RACKS = Map.of(1, "rack-a", 2, "rack-a", 3, "rack-b", 4, "rack-b");

    @TempDir
    Path dir;

    private ClusterHarness cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterHarness(dir, Map.of());
        for (int id = 1; id <= 4; id++) {
            cluster.register(id, RACKS.get(id));
            cluster.heartbeat(id);
        }
    }

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void createdAndAddedPartitionsSpanBothRacks() throws Exception {
        // given
        CreateTopicsRequestData create = new CreateTopicsRequestData();
        create.topics().add(new CreatableTopic().setName("striped").setNumPartitions(8).setReplicationFactor((short) 2));
        assertThat(await(cluster.controller().createTopics(create)).topics().find("striped").errorCode())
            .isEqualTo(Errors.NONE.code());

        // when
        CreatePartitionsRequestData grow = new CreatePartitionsRequestData();
        grow.topics().add(new CreatePartitionsTopic().setName("striped").setCount(12).setAssignments(null));
        assertThat(await(cluster.controller().createPartitions(grow)).results().get(0).errorCode())
            .isEqualTo(Errors.NONE.code());

        // then
        Set<Integer> leaders = new HashSet<>();
        for (int p = 0; p < 12; p++) {
            PartitionRegistration partition = cluster.partition("striped", p);
            assertThat(partition.replicas()).hasSize(2);
            assertThat(Set.of(RACKS.get(partition.replicas()[0]), RACKS.get(partition.replicas()[1])))
                .as("racks of partition %d", p).containsExactlyInAnyOrder("rack-a", "rack-b");
            leaders.add(partition.leader());
        }
        assertThat(leaders).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void threeReplicasOverTwoRacksPutTwoInOneRackAndOneInTheOther() throws Exception {
        // given
        CreateTopicsRequestData create = new CreateTopicsRequestData();
        create.topics().add(new CreatableTopic().setName("three").setNumPartitions(4).setReplicationFactor((short) 3));

        // when
        await(cluster.controller().createTopics(create));

        // then
        for (int p = 0; p < 4; p++) {
            int[] replicas = cluster.partition("three", p).replicas();
            assertThat(java.util.List.of(RACKS.get(replicas[0]), RACKS.get(replicas[1]), RACKS.get(replicas[2])))
                .contains("rack-a", "rack-b");
            assertThat(Set.of(replicas[0], replicas[1], replicas[2])).hasSize(3);
            assertThat(RACKS.get(replicas[0])).isNotEqualTo(RACKS.get(replicas[1]));
        }
    }
}
