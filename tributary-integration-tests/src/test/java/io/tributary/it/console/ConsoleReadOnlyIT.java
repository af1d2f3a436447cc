package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tributary.console.read.only=true}: the console shows everything and changes nothing. */
class ConsoleReadOnlyIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("tributary.console.read.only", true)
            .build();

    private final ConsoleApi api = ConsoleApi.of(broker.httpPort());

    @Test
    void changingCallsAreRefusedAndReadingOnesServed() throws Exception {
        // given
        broker.createTopic("console-readonly", 2);
        assertThat(api.get("/session").body().path("readOnly").asBoolean()).isTrue();

        // when
        ConsoleApi.Response create = api.post("/topics", Map.of("name", "console-refused", "partitions", 1));
        ConsoleApi.Response delete = api.delete("/topics/console-readonly");
        ConsoleApi.Response list = api.get("/topics");

        // then
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.code()).isEqualTo("READ_ONLY");
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.code()).isEqualTo("READ_ONLY");
        assertThat(list.status()).isEqualTo(200);
        assertThat(broker.clients().admin().listTopics().names().get())
                .contains("console-readonly").doesNotContain("console-refused");
    }
}
