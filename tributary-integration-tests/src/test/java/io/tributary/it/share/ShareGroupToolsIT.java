package io.tributary.it.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.tools.consumer.ConsoleShareConsumer;
import org.apache.kafka.tools.consumer.group.ShareGroupCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka's kafka-console-share-consumer and kafka-share-groups tools, unchanged, against a broker. */
class ShareGroupToolsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("group.share.heartbeat.interval.ms", 500)
            .config("group.share.min.heartbeat.interval.ms", 500)
            .build();

    @Test
    void consoleShareConsumerAndShareGroupsToolListDescribeResetAndDelete() throws Exception {
        // given ten records read by kafka-console-share-consumer
        String topic = TopicNames.unique("share-tools");
        broker.createTopic(topic, 2);
        String group = "tools-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        List<String> sent = Producing.sendValues(broker.clients().producer(),
                Producing.acrossPartitions(topic, 2, "t", 5));
        ToolResult consumed = KafkaToolRunner.run(ConsoleShareConsumer::main, "--bootstrap-server",
                broker.bootstrapServers(), "--topic", topic, "--group", group, "--max-messages", "10",
                "--timeout-ms", "30000");
        assertThat(consumed.out().lines().toList()).containsExactlyInAnyOrderElementsOf(sent);

        // when / then: --list
        assertThat(shareGroups("--list").out().lines().toList()).contains(group);

        // --describe: each partition's start offset is past what was read, no lag left
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String offsets = shareGroups("--describe", "--group", group).out();
            assertThat(offsets).contains(topic);
            assertThat(column(offsets, topic, "LAG")).isZero();
            assertThat(column(offsets, topic, "START-OFFSET")).isEqualTo(10L);
        });
        assertThat(shareGroups("--describe", "--group", group, "--state").out()).contains(group).contains("Empty");
        assertThat(shareGroups("--describe", "--group", group, "--members").output())
                .contains("has no active members");

        // --reset-offsets --to-earliest: the group reads everything again
        ToolResult reset = shareGroups("--reset-offsets", "--group", group, "--topic", topic, "--to-earliest",
                "--execute");
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        assertThat(column(shareGroups("--describe", "--group", group).out(), topic, "START-OFFSET")).isZero();
        ToolResult again = KafkaToolRunner.run(ConsoleShareConsumer::main, "--bootstrap-server",
                broker.bootstrapServers(), "--topic", topic, "--group", group, "--max-messages", "10",
                "--timeout-ms", "30000");
        assertThat(again.out().lines().toList()).containsExactlyInAnyOrderElementsOf(sent);

        // --delete-offsets, then --delete: the group is gone
        ToolResult deleteOffsets = shareGroups("--delete-offsets", "--group", group, "--topic", topic);
        assertThat(deleteOffsets.exitCode()).as(deleteOffsets.output()).isZero();
        assertThat(shareGroups("--describe", "--group", group).out()).contains("has no offset information");
        ToolResult delete = shareGroups("--delete", "--group", group);
        assertThat(delete.output()).contains("Deletion of requested share groups ('" + group + "') was successful.");
        assertThat(shareGroups("--list").out().lines().toList()).doesNotContain(group);
    }

    private static ToolResult shareGroups(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return KafkaToolRunner.run(ShareGroupCommand::main, all);
    }

    /** The sum of one column (by its header, e.g. START-OFFSET) over the topic's rows of a --describe. */
    private static long column(String describe, String topic, String header) {
        List<String> lines = describe.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        List<String> headers = lines.stream().filter(l -> l.startsWith("GROUP")).findFirst()
                .map(l -> List.of(l.split("\\s+"))).orElseThrow(() -> new AssertionError(describe));
        int index = headers.indexOf(header);
        assertThat(index).as(describe).isNotNegative();
        long sum = 0;
        for (String line : lines) {
            String[] columns = line.split("\\s+");
            if (columns.length > index && columns[1].equals(topic)) {
                sum += columns[index].equals("-") ? 0 : Long.parseLong(columns[index]);
            }
        }
        return sum;
    }
}
