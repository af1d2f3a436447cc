package io.tributary.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.tools.DeleteRecordsCommand;
import org.apache.kafka.tools.GetOffsetShell;
import org.apache.kafka.tools.TopicCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's own unmodified command-line tools (kafka-topics, kafka-get-offsets, kafka-delete-records) against us. */
class ToolsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @TempDir
    Path tempDir;

    @Test
    void kafkaTopicsCreatesListsDescribesAndDeletes() throws Exception {
        // given
        String topic = TopicNames.unique("tool-topic");

        // when
        ToolResult created = topics("--create", "--topic", topic, "--partitions", "3", "--replication-factor", "1",
                "--config", "retention.ms=3600000");
        ToolResult listed = topics("--list");
        ToolResult described = topics("--describe", "--topic", topic);

        // then
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.out()).contains("Created topic " + topic);
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.out().lines()).contains(topic);
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.out())
                .contains("Topic: " + topic)
                .contains("PartitionCount: 3")
                .contains("ReplicationFactor: 1")
                .contains("retention.ms=3600000")
                .contains("Partition: 2")
                .contains("Leader: " + broker.nodeId());
        assertThat(described.out()).containsPattern("TopicId: \\S{22}");

        // when
        ToolResult deleted = topics("--delete", "--topic", topic);

        // then
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
    }

    @Test
    void kafkaTopicsReportsDuplicateCreation() throws Exception {
        // given
        String topic = TopicNames.unique("tool-duplicate");
        topics("--create", "--topic", topic, "--partitions", "1", "--replication-factor", "1");

        // when
        ToolResult again = topics("--create", "--topic", topic, "--partitions", "1", "--replication-factor", "1");

        // then
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("already exists");
    }

    @Test
    void getOffsetShellAndDeleteRecordsCommandWork() throws Exception {
        // given
        String topic = TopicNames.unique("tool-offsets");
        broker.createTopic(topic, 2);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "g", 5));

        // when
        ToolResult latest = offsets("--topic", topic);
        Path offsetJson = tempDir.resolve("delete.json");
        Files.writeString(offsetJson,
                "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]}");
        ToolResult deleted = KafkaToolRunner.run(DeleteRecordsCommand::main,
                "--bootstrap-server", broker.bootstrapServers(), "--offset-json-file", offsetJson.toString());
        ToolResult earliest = offsets("--topic", topic, "--time", "-2");

        // then
        assertThat(latest.exitCode()).as(latest.output()).isZero();
        assertThat(latest.out().lines()).contains(topic + ":0:5", topic + ":1:0");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.out()).contains("low_watermark: 2");
        assertThat(earliest.out().lines()).contains(topic + ":0:2", topic + ":1:0");
    }

    private static ToolResult topics(String... args) throws Exception {
        return KafkaToolRunner.run(TopicCommand::main, withBootstrap(args));
    }

    private static ToolResult offsets(String... args) throws Exception {
        return KafkaToolRunner.run(GetOffsetShell::main, withBootstrap(args));
    }

    private static String[] withBootstrap(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }
}
