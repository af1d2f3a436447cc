package io.tributary.metadata;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.replay.MetadataReplayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayAndListenersTest {

    @TempDir
    Path dir;

    @Test
    void restartRebuildsAnIdenticalImage() throws Exception {
        // given
        MetadataImage before;
        try (ControllerHarness harness = new ControllerHarness(dir)) {
            harness.createTopic("keep", 2, Map.of("retention.ms", "1000"));
            harness.createTopic("drop", 1, Map.of("segment.ms", "5000"));
            harness.createTopic("grow", 1, Map.of());
            CreatePartitionsRequestData grow = new CreatePartitionsRequestData();
            grow.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("grow").setCount(4)
                .setAssignments(null));
            await(harness.controller().createPartitions(grow));
            IncrementalAlterConfigsRequestData alter = new IncrementalAlterConfigsRequestData();
            IncrementalAlterConfigsRequestData.AlterConfigsResource resource =
                new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.BROKER.id()).setResourceName("");
            resource.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig()
                .setName("log.retention.ms").setConfigOperation(AlterConfigOp.OpType.SET.id()).setValue("9000"));
            alter.resources().add(resource);
            await(harness.controller().incrementalAlterConfigs(alter));
            await(harness.controller().deleteTopics(new DeleteTopicsRequestData().setTopicNames(List.of("drop")),
                (short) 5));
            before = harness.image();
        }

        // when
        MetadataImage after;
        try (ControllerHarness harness = new ControllerHarness(dir)) {
            after = harness.image();
        }

        // then
        // The restarted controller committed its activation record, so only the offset moved.
        assertThat(after.sameContentAs(before)).isTrue();
        assertThat(after.topics().get("grow").orElseThrow().partitions()).hasSize(4);
        assertThat(after.topics().get("drop")).isEmpty();
        assertThat(after.configs().topicConfigs("drop")).isEmpty();
        assertThat(after.configs().brokerConfigs("")).containsEntry("log.retention.ms", "9000");
        assertThat(after.brokers().get(ControllerHarness.NODE_ID)).isPresent();
    }

    @Test
    void listenersSeeCommittedDeltas() throws Exception {
        try (ControllerHarness harness = new ControllerHarness(dir)) {
            // given
            List<MetadataDelta> deltas = new ArrayList<>();
            List<MetadataImage> images = new ArrayList<>();
            harness.controller().addListener((delta, image) -> {
                deltas.add(delta);
                images.add(image);
            });

            // when
            Uuid id = harness.createTopic("watched", 2, Map.of()).topicId();
            await(harness.controller().deleteTopics(new DeleteTopicsRequestData().setTopicNames(List.of("watched")),
                (short) 5));

            // then: the initial snapshot, the creation, the deletion
            assertThat(deltas).hasSize(3);
            assertThat(deltas.get(0).changedBrokers()).contains(ControllerHarness.NODE_ID);
            assertThat(deltas.get(1).createdTopics()).containsExactly(id);
            assertThat(deltas.get(1).createdPartitions()).containsEntry(id, java.util.Set.of(0, 1));
            assertThat(images.get(1).topics().get(id)).isPresent();
            assertThat(deltas.get(2).deletedTopics()).containsOnlyKeys(id);
            assertThat(deltas.get(2).deletedTopics().get(id).name()).isEqualTo("watched");
            assertThat(images.get(2).topics().all()).isEmpty();
        }
    }

    @Test
    void replayerReportsIsrChangesAsChangedPartitions() {
        // given
        Uuid id = Uuid.randomUuid();
        MetadataReplayer creation = new MetadataReplayer(MetadataImage.empty("c"));
        creation.replay(new io.tributary.metadata.record.TopicRecord("t", id));
        creation.replay(new io.tributary.metadata.record.PartitionRecord(id, 0, new int[] {1, 2}, new int[] {1, 2}, 1, 0, 0));
        MetadataImage created = creation.build(1);

        // when
        MetadataReplayer change = new MetadataReplayer(created);
        change.replay(new io.tributary.metadata.record.PartitionChangeRecord(id, 0, new int[] {2}, 2));
        MetadataImage changed = change.build(2);

        // then
        assertThat(change.delta().changedPartitions()).containsEntry(id, java.util.Set.of(0));
        assertThat(changed.topics().get(id).orElseThrow().partitions().get(0))
            .isEqualTo(new PartitionRegistration(new int[] {1, 2}, new int[] {2}, 2, 1, 1));
        assertThat(created.topics().get(id).orElseThrow().partitions().get(0).leader()).isEqualTo(1);
    }
}
