package io.tributary.it.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A read-only console ({@code tributary.console.read.only=true}) says so; no button that changes anything works. */
class ConsoleReadOnlyBrowserIT {

    @RegisterExtension
    @Order(1)
    static final BrowserExtension browser = new BrowserExtension();

    @RegisterExtension
    @Order(2)
    static final EmbeddedBroker broker = EmbeddedBroker.builder().config("tributary.console.read.only", true).build();

    @Test
    void showsTheBadgeAndDisablesChangingButtons() throws Exception {
        broker.createTopic("catalog", 2);
        Console console = browser.console(broker.httpPort()).open("#/topics");

        assertThat(console.find("read-only-badge").getText()).isEqualTo("read-only");
        assertThat(console.find("topic-create-submit").isEnabled()).isFalse();
        assertThat(console.row("topic-row", "data-topic", "catalog").findElement(Console.testId("topic-delete"))
                .isEnabled()).isFalse();

        console.open("#/topics/catalog/messages");
        assertThat(console.find("produce-submit").isEnabled()).isFalse();
        assertThat(console.find("messages-load").isEnabled()).isTrue();
        assertThat(console.find("search-start").isEnabled()).isTrue();
    }
}
