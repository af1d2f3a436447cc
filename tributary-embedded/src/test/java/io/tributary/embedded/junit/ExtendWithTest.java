package io.tributary.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.Clients;
import io.tributary.embedded.EmbeddedTributary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registered with @ExtendWith: a broker per class with the defaults; @Tributary on a method: one for that test. */
@ExtendWith(TributaryExtension.class)
class ExtendWithTest {

    @Test
    void producesAndConsumes(@BootstrapServers String bootstrapServers) throws Exception {
        // when
        Clients.send(bootstrapServers, "events", "hello");

        // then
        assertThat(Clients.read(bootstrapServers, "events", 1)).containsExactly("hello");
    }

    @Test
    @Tributary(nodeId = 5)
    void aMethodAnnotationGivesTheTestItsOwnBroker(EmbeddedTributary broker) {
        // then
        assertThat(broker.nodeId()).isEqualTo(5);
    }

    @Test
    void theClassBrokerHasTheDefaultNodeId(EmbeddedTributary broker) {
        // then
        assertThat(broker.nodeId()).isEqualTo(1);
    }
}
