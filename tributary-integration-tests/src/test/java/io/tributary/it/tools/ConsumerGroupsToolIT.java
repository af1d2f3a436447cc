package io.tributary.it.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.Groups;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka's unmodified consumer-side tools: kafka-consumer-groups, kafka-console-consumer, kafka-consumer-perf-test. */
class ConsumerGroupsToolIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    /** One table row of a tool's output, as its cells. */
    private static final InstanceOfAssertFactory<List, ListAssert<String>> ROW = InstanceOfAssertFactories.list(String.class);

    private final List<GroupMember> started = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        started.forEach(GroupMember::close);
    }

    @Test
    void listShowsGroupsWithTheirState() throws Exception {
        // given
        String topic = topicWithRecords("cg-list", 10, 4);
        String empty = emptyGroupWithCommits("list-empty", topic, 6, 4);
        String active = activeGroup("list-active", topic);

        // when
        ToolResult listed = groups("--list");
        ToolResult withState = groups("--list", "--state");

        // then
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.out().lines()).contains(empty, active);
        assertThat(rowsOf(withState.out(), empty)).singleElement(ROW).contains("Empty");
        assertThat(rowsOf(withState.out(), active)).singleElement(ROW).contains("Stable");
    }

    @Test
    void describeShowsCommittedOffsetsEndOffsetsAndLag() throws Exception {
        // given
        String topic = topicWithRecords("cg-describe", 10, 4);
        String group = emptyGroupWithCommits("describe", topic, 6, 4);

        // when
        ToolResult described = groups("--describe", "--group", group);

        // then
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.out()).contains("CURRENT-OFFSET", "LOG-END-OFFSET", "LAG");
        assertThat(described.output()).contains("Consumer group '" + group + "' has no active members.");
        assertThat(rowsOf(described.out(), group)).extracting(row -> row.subList(1, 6)).containsExactlyInAnyOrder(
                List.of(topic, "0", "6", "10", "4"),
                List.of(topic, "1", "4", "4", "0"));
    }

    @Test
    void describeShowsMembersAndStateOfAnActiveGroup() throws Exception {
        // given
        String topic = topicWithRecords("cg-members", 1, 1);
        String group = activeGroup("members", topic);

        // when
        ToolResult members = groups("--describe", "--group", group, "--members");
        ToolResult state = groups("--describe", "--group", group, "--state");

        // then
        assertThat(members.exitCode()).as(members.output()).isZero();
        assertThat(rowsOf(members.out(), group)).singleElement()
                .satisfies(row -> assertThat(row.get(row.size() - 1)).as("#PARTITIONS of %s", row).isEqualTo("2"));
        assertThat(state.exitCode()).as(state.output()).isZero();
        assertThat(rowsOf(state.out(), group)).singleElement(ROW).contains("range", "Stable", "1");
    }

    @Test
    void resetOffsetsDryRunChangesNothingAndExecuteMovesTheCommittedOffsets() throws Exception {
        // given
        String topic = topicWithRecords("cg-reset", 10, 4);
        String group = emptyGroupWithCommits("reset", topic, 6, 4);

        // when
        ToolResult dryRun = reset(group, topic, "--to-earliest", "--dry-run");
        Map<TopicPartition, Long> afterDryRun = committed(group);
        ToolResult earliest = reset(group, topic, "--to-earliest", "--execute");
        Map<TopicPartition, Long> afterEarliest = committed(group);
        reset(group, topic, "--to-latest", "--execute");
        Map<TopicPartition, Long> afterLatest = committed(group);
        reset(group, topic, "--to-offset", "3", "--execute");
        Map<TopicPartition, Long> afterToOffset = committed(group);

        // then
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(rowsOf(dryRun.out(), group)).extracting(row -> row.subList(1, 4))
                .containsExactlyInAnyOrder(List.of(topic, "0", "0"), List.of(topic, "1", "0"));
        assertThat(afterDryRun).isEqualTo(positions(topic, 6, 4));
        assertThat(earliest.exitCode()).as(earliest.output()).isZero();
        assertThat(afterEarliest).isEqualTo(positions(topic, 0, 0));
        assertThat(afterLatest).isEqualTo(positions(topic, 10, 4));
        assertThat(afterToOffset).isEqualTo(positions(topic, 3, 3));
    }

    @Test
    void resetOffsetsIsRefusedWhileTheGroupHasActiveMembers() throws Exception {
        // given
        String topic = topicWithRecords("cg-reset-active", 10, 4);
        String group = activeGroup("reset-active", topic);

        // when
        ToolResult refused = reset(group, topic, "--to-latest", "--execute");

        // then
        assertThat(refused.output()).contains("Assignments can only be reset if the group '" + group + "' is inactive");
        assertThat(committed(group)).isEmpty();
    }

    @Test
    void deleteRemovesAnEmptyGroupAndRefusesAnActiveOne() throws Exception {
        // given
        String topic = topicWithRecords("cg-delete", 1, 1);
        String empty = emptyGroupWithCommits("delete-empty", topic, 1, 1);
        String active = activeGroup("delete-active", topic);

        // when
        ToolResult deleted = groups("--delete", "--group", empty);
        ToolResult refused = groups("--delete", "--group", active);

        // then
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.out()).contains("Deletion of requested consumer groups ('" + empty + "') was successful.");
        assertThat(refused.output()).contains("Group '" + active + "' could not be deleted due to:");
        assertThat(groups("--list").out().lines()).contains(active).doesNotContain(empty);
    }

    @Test
    void deleteOffsetsRemovesTheTopicsOffsetsFromAnEmptyGroup() throws Exception {
        // given
        String topic = topicWithRecords("cg-delete-offsets", 3, 3);
        String group = emptyGroupWithCommits("delete-offsets", topic, 2, 1);

        // when
        ToolResult deleted = groups("--delete-offsets", "--group", group, "--topic", topic);

        // then
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.out()).contains("Request succeeded for deleting offsets from group " + group + ".");
        assertThat(committed(group)).isEmpty();
    }

    @Test
    void consoleConsumerWithAGroupPrintsTheRecordsAndCommitsItsPosition() throws Exception {
        // given
        String topic = TopicNames.unique("console-group");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "line", 5));
        String group = Groups.uniqueGroupId("console");

        // when
        ToolResult consumed = KafkaToolRunner.run(ConsoleConsumer::main, "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--group", group, "--from-beginning", "--max-messages", "5", "--timeout-ms", "20000");

        // then
        assertThat(consumed.exitCode()).as(consumed.output()).isZero();
        assertThat(consumed.out().lines()).containsExactlyElementsOf(Producing.numberedValues("line", 0, 5));
        assertThat(consumed.err()).contains("Processed a total of 5 messages");
        assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 5L));
    }

    @Test
    void consumerPerformanceReadsBackAFewThousandRecordsInAGroup() throws Exception {
        // given
        String topic = TopicNames.unique("consumer-perf");
        broker.createTopic(topic, 3);
        Producing.sendAll(broker.clients().producer(), Producing.acrossPartitions(topic, 3, "perf", 1000));

        // when
        ToolResult perf = KafkaToolRunner.run(ConsumerPerformance::main, "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--group", Groups.uniqueGroupId("perf"), "--num-records", "3000", "--timeout", "20000");

        // then
        assertThat(perf.exitCode()).as(perf.output()).isZero();
        assertThat(perf.output()).doesNotContain("Exiting before consuming the expected number of records");
        List<String[]> statLines = perf.out().lines().filter(line -> !line.startsWith("start.time"))
                .map(line -> line.split(",\\s*")).filter(cells -> cells.length >= 6).collect(Collectors.toList());
        assertThat(statLines).as("stats lines in %s", perf.out()).hasSize(1);
        assertThat(statLines.get(0)[4]).as("data.consumed.in.nMsg in %s", perf.out()).isEqualTo("3000");
    }

    private static ToolResult groups(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return KafkaToolRunner.run(ConsumerGroupCommand::main, all);
    }

    private static ToolResult reset(String group, String topic, String... spec) throws Exception {
        List<String> args = new ArrayList<>(List.of("--reset-offsets", "--group", group, "--topic", topic));
        args.addAll(List.of(spec));
        return groups(args.toArray(new String[0]));
    }

    /** Whitespace-separated cells of the table rows that start with the group id. */
    private static List<List<String>> rowsOf(String output, String group) {
        return output.lines().map(String::trim).filter(line -> line.startsWith(group + " "))
                .map(line -> Arrays.asList(line.split("\\s+"))).collect(Collectors.toList());
    }

    private static String topicWithRecords(String purpose, int onPartition0, int onPartition1) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, 2);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "p0", onPartition0));
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 1, "p1", onPartition1));
        return topic;
    }

    /** A group whose only consumer committed the given offsets for partitions 0 and 1 and then closed. */
    private static String emptyGroupWithCommits(String purpose, String topic, long offset0, long offset1) {
        String group = Groups.uniqueGroupId(purpose);
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group);
        consumer.subscribe(List.of(topic));
        await("assignment of " + topic).atMost(Groups.SETTLE_TIMEOUT).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().size() == 2;
        });
        consumer.commitSync(Groups.offsets(topic, offset0, offset1));
        consumer.close();
        return group;
    }

    /** A group with one member that owns both partitions and commits nothing. */
    private String activeGroup(String purpose, String topic) {
        String group = Groups.uniqueGroupId(purpose);
        GroupMember member = GroupMember.start(purpose, broker.clients().classicGroupConsumer(group), false, topic);
        started.add(member);
        await("assignment of " + purpose).atMost(Groups.SETTLE_TIMEOUT).until(() -> member.assignment().size() == 2);
        return group;
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        return Groups.committedPositions(broker.clients().admin(), group);
    }

    private static Map<TopicPartition, Long> positions(String topic, long offset0, long offset1) {
        return Map.of(new TopicPartition(topic, 0), offset0, new TopicPartition(topic, 1), offset1);
    }
}
