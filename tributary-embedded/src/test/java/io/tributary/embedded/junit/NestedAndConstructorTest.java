package io.tributary.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedTributary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@Tributary
class NestedAndConstructorTest {

    private final EmbeddedTributary outerBroker;

    NestedAndConstructorTest(EmbeddedTributary broker) {
        this.outerBroker = broker;
    }

    @Test
    void injectsTheConstructor(@BootstrapServers String bootstrapServers) {
        // then
        assertThat(outerBroker.bootstrapServers()).isEqualTo(bootstrapServers);
    }

    @Nested
    class SharingTheBroker {
        @Test
        void usesTheEnclosingClassBroker(EmbeddedTributary broker) {
            // then
            assertThat(broker).isSameAs(outerBroker);
        }
    }

    @Nested
    @Tributary(nodeId = 4)
    class WithItsOwnBroker {
        @Test
        void hasItsOwn(EmbeddedTributary broker) {
            // then
            assertThat(broker).isNotSameAs(outerBroker);
            assertThat(broker.nodeId()).isEqualTo(4);
        }
    }
}
