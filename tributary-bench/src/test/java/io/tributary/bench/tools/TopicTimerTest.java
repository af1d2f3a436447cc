package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicTimerTest {

    private static final Node BROKER = new Node(1, "localhost", 9092);

    @Test
    void createTakesThePartitionsAndTheTopicConfigsWithDefaultsForTheRest() {
        // when
        TopicTimerOptions options = TopicTimerOptions.parse(new String[] {"create", "--bootstrap-server", "b:1",
                "--topic", "t", "--partitions", "10000", "--topic-configs", "compression.type=producer,x=1"});

        // then
        assertThat(options.action()).isEqualTo(TopicTimerOptions.Action.CREATE);
        assertThat(options.partitions()).isEqualTo(10_000);
        assertThat(options.replicationFactor()).isEqualTo((short) 1);
        assertThat(options.topicConfigs()).containsExactly(Map.entry("compression.type", "producer"),
                Map.entry("x", "1"));
        assertThat(options.logDir()).isNull();
        assertThat(options.commandConfig()).isNull();
        assertThat(options.timeoutMs()).isEqualTo(900_000);
        assertThat(options.pollMs()).isEqualTo(10);
    }

    @Test
    void deleteNeedsNoPartitionsAndTakesNone() {
        // when
        TopicTimerOptions options = TopicTimerOptions.parse(new String[] {"delete", "--bootstrap-server", "b:1",
                "--topic", "t", "--log-dir", "/tmp/data", "--poll-ms", "5"});

        // then
        assertThat(options.action()).isEqualTo(TopicTimerOptions.Action.DELETE);
        assertThat(options.logDir()).isEqualTo("/tmp/data");
        assertThat(options.pollMs()).isEqualTo(5);
        assertThatThrownBy(() -> TopicTimerOptions.parse(new String[] {"delete", "--bootstrap-server", "b:1",
                "--topic", "t", "--partitions", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    }

    @Test
    void rejectsAnUnknownActionMissingPartitionsAndMalformedConfigs() {
        // then
        assertThatThrownBy(() -> TopicTimerOptions.parse(new String[] {"alter", "--bootstrap-server", "b",
                "--topic", "t"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alter");
        assertThatThrownBy(() -> TopicTimerOptions.parse(new String[] {"create", "--bootstrap-server", "b",
                "--topic", "t"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--partitions");
        assertThatThrownBy(() -> TopicTimerOptions.parse(new String[] {"create", "--bootstrap-server", "b",
                "--topic", "t", "--partitions", "1", "--topic-configs", "compression.type"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression.type");
        assertThatThrownBy(() -> TopicTimerOptions.parse(new String[] {"create", "--topic", "t", "--partitions",
                "1"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicTimerOptions.parse(new String[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicIsUsableOnlyWhenEveryExpectedPartitionHasALeader() {
        // given: partition 1 has no leader yet (Node.noNode()), then one where it has
        TopicDescription leaderless = description(BROKER, Node.noNode(), null);
        TopicDescription led = description(BROKER, BROKER, BROKER);

        // then
        assertThat(TopicTimer.partitionsWithLeader(leaderless)).isEqualTo(1);
        assertThat(TopicTimer.fullyLed(leaderless, 3)).isFalse();
        assertThat(TopicTimer.fullyLed(led, 3)).isTrue();
        assertThat(TopicTimer.fullyLed(led, 4)).as("a partition not described yet").isFalse();
    }

    @Test
    void countsOnlyThePartitionDirectoriesOfTheTopic(@TempDir Path logDir) throws Exception {
        // given
        for (String name : List.of("t-0", "t-1", "t-12", "t-2.5f0e6c1d2a-delete", "t-x-0", "tt-3", "t-",
                "__cluster_metadata-0")) {
            Files.createDirectory(logDir.resolve(name));
        }

        // then
        assertThat(TopicTimer.partitionDirs(logDir, "t")).isEqualTo(3);
        assertThat(TopicTimer.partitionDirs(logDir, "t-x")).isEqualTo(1);
        assertThat(TopicTimer.isPartitionDir("scale-partitions-9999", "scale-partitions")).isTrue();
        assertThat(TopicTimer.isPartitionDir("scale-partitions-9.abc-delete", "scale-partitions")).isFalse();
    }

    @Test
    void pollsEveryPollMsAtFirstThenAFiftiethOfTheWaitUpTo250Ms() {
        // then
        assertThat(TopicTimer.pollDelayMs(10, 0)).isEqualTo(10);
        assertThat(TopicTimer.pollDelayMs(10, TimeUnit.MILLISECONDS.toNanos(400))).isEqualTo(10);
        assertThat(TopicTimer.pollDelayMs(10, TimeUnit.SECONDS.toNanos(5))).isEqualTo(100);
        assertThat(TopicTimer.pollDelayMs(10, TimeUnit.MINUTES.toNanos(5))).isEqualTo(250);
    }

    @Test
    void createsInStepsOfAtMostTheChunk() {
        // then
        assertThat(TopicTimer.chunkTargets(10_000, 5_000)).containsExactly(5_000, 10_000);
        assertThat(TopicTimer.chunkTargets(12_000, 5_000)).containsExactly(5_000, 10_000, 12_000);
        assertThat(TopicTimer.chunkTargets(3_000, 5_000)).containsExactly(3_000);
    }

    private static TopicDescription description(Node... leaders) {
        List<TopicPartitionInfo> partitions = new java.util.ArrayList<>();
        for (int p = 0; p < leaders.length; p++) {
            partitions.add(new TopicPartitionInfo(p, leaders[p], List.of(BROKER), List.of(BROKER)));
        }
        return new TopicDescription("t", false, partitions, null, Uuid.randomUuid());
    }
}
