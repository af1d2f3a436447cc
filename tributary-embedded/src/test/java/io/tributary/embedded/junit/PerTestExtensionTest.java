package io.tributary.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.Clients;
import io.tributary.embedded.EmbeddedTributary;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Each test gets a broker of its own, so the same topic can be created in every one, even concurrently. */
@Tributary(lifecycle = Tributary.Lifecycle.PER_METHOD)
@Execution(ExecutionMode.CONCURRENT)
class PerTestExtensionTest {

    @BootstrapServers
    String bootstrapServers;

    @RepeatedTest(3)
    void hasAFreshBroker(Admin admin, EmbeddedTributary broker) throws Exception {
        // given
        assertThat(bootstrapServers).isEqualTo(broker.bootstrapServers());
        assertThat(admin.listTopics().names().get()).doesNotContain("same-name");

        // when
        admin.createTopics(List.of(new NewTopic("same-name", 1, (short) 1))).all().get();
        Clients.send(bootstrapServers, "same-name", "only-mine");

        // then
        assertThat(Clients.read(bootstrapServers, "same-name", 1)).containsExactly("only-mine");
    }
}
