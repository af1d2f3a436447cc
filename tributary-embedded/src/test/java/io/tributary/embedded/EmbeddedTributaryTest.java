package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTributaryTest {

    @Test
    void producesAndConsumesThroughAnEmbeddedBroker() throws Exception {
        // given
        try (EmbeddedTributary broker = EmbeddedTributary.builder().start()) {
            // when: the topic is auto-created by the first send, as Kafka's default
            Clients.send(broker.bootstrapServers(), "orders", "a", "b", "c");

            // then
            assertThat(Clients.read(broker.bootstrapServers(), "orders", 3)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void runsTwoIndependentBrokersInOneJvm() throws Exception {
        // given
        try (EmbeddedTributary first = EmbeddedTributary.builder().start();
             EmbeddedTributary second = EmbeddedTributary.builder().config("num.partitions", 2).start()) {
            // when
            Clients.send(first.bootstrapServers(), "only-on-first", "x");
            Clients.send(second.bootstrapServers(), "only-on-second", "y");

            // then: each broker has its own port, data and topics
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.dataDir()).isNotEqualTo(second.dataDir());
            assertThat(topics(first)).contains("only-on-first").doesNotContain("only-on-second");
            assertThat(topics(second)).contains("only-on-second").doesNotContain("only-on-first");
            assertThat(Clients.read(second.bootstrapServers(), "only-on-second", 1)).containsExactly("y");
        }
    }

    @Test
    void restartKeepsTheData() throws Exception {
        // given
        try (EmbeddedTributary broker = EmbeddedTributary.builder().nodeId(7).start()) {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
            }
            Clients.send(broker.bootstrapServers(), "kept", "before-restart");

            // when
            broker.restart();

            // then: the same node with its topics and records (read bootstrapServers() again: the port may move)
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.nodeId()).isEqualTo(7);
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").partitions())
                        .hasSize(3);
            }
            assertThat(Clients.read(broker.bootstrapServers(), "kept", 1)).containsExactly("before-restart");
        }
    }

    @Test
    void removesItsTemporaryDataOnClose() {
        // given
        EmbeddedTributary broker = EmbeddedTributary.builder().start();
        Path dataDir = broker.dataDir();
        assertThat(dataDir.resolve("logs")).isDirectory();

        // when
        broker.close();

        // then
        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsTheDataWhenAskedTo() {
        // given
        EmbeddedTributary broker = EmbeddedTributary.builder().keepData(true).start();
        Path dataDir = broker.dataDir();
        try {
            // when
            broker.close();

            // then
            assertThat(dataDir.resolve("logs")).isDirectory();
        } finally {
            EmbeddedTributary.deleteRecursively(dataDir);
        }
    }

    @Test
    void neverRemovesAGivenDataDir(@TempDir Path tempDir) throws Exception {
        // given
        Path dataDir = tempDir.resolve("mine");
        EmbeddedTributary broker = EmbeddedTributary.builder().dataDir(dataDir).start();

        // when
        broker.close();

        // then
        assertThat(dataDir.resolve("logs")).isDirectory();
        assertThat(Files.list(dataDir.resolve("logs"))).isNotEmpty();
    }

    private static Set<String> topics(EmbeddedTributary broker) throws Exception {
        try (Admin admin = admin(broker)) {
            return admin.listTopics().names().get();
        }
    }

    private static Admin admin(EmbeddedTributary broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
