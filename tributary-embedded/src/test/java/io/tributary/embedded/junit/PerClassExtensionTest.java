package io.tributary.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.Clients;
import io.tributary.embedded.EmbeddedTributary;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Tributary(config = {"num.partitions=2", "node.id=9"}, nodeId = 3)
class PerClassExtensionTest {

    @BootstrapServers
    static String classBootstrap;

    @TributaryResource
    static EmbeddedTributary classBroker;

    @TributaryResource
    Admin admin;

    @BeforeAll
    static void createTopic(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic("per-class", 1, (short) 1))).all().get();
    }

    @Test
    void injectsOneBrokerForTheClass(@BootstrapServers String bootstrapServers, EmbeddedTributary broker) {
        // then: fields and parameters name the same running broker, with the annotation's settings
        assertThat(bootstrapServers).isEqualTo(classBootstrap).isEqualTo(broker.bootstrapServers());
        assertThat(broker).isSameAs(classBroker);
        assertThat(broker.nodeId()).as("config wins over nodeId").isEqualTo(9);
    }

    @Test
    void seesWhatBeforeAllCreated() throws Exception {
        // then
        assertThat(admin.listTopics().names().get()).contains("per-class");
    }

    @Test
    void appliesTheConfiguredSettings() throws Exception {
        // when: a topic is auto-created
        Clients.send(classBootstrap, "auto-created", "v");

        // then: with the configured num.partitions
        assertThat(admin.describeTopics(List.of("auto-created")).allTopicNames().get().get("auto-created")
                .partitions()).hasSize(2);
    }
}
