package io.tributary.metadata.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/configuration.md must be what the config definitions generate; -Dtributary.docs.write=true rewrites it. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String REGENERATE = "mvn -B -ntp verify -pl tributary-metadata -am -Dtest=ConfigurationDocTest "
        + "-Dsurefire.failIfNoSpecifiedTests=false -Dtributary.docs.write=true";

    @Test
    void theCommittedDocIsWhatTheDefinitionsGenerate() throws Exception {
        // given
        String generated = ConfigurationDoc.render();
        if (Boolean.getBoolean("tributary.docs.write")) {
            Files.writeString(DOC, generated);
        }

        // when
        String committed = Files.exists(DOC) ? Files.readString(DOC) : "";

        // then
        assertThat(committed)
            .as("docs/configuration.md is stale: the config definitions changed. Regenerate it with:%n  %s", REGENERATE)
            .isEqualTo(generated);
    }

    @Test
    void everyBrokerTopicAndGroupSettingIsListedWithItsDefault() {
        // when
        String doc = ConfigurationDoc.render();

        // then
        assertThat(doc).contains("| `replica.lag.time.max.ms` | long | 30000 |")
            .contains("| `offsets.topic.replication.factor` | short | 1 |")
            .contains("| `retention.ms` | long | 604800000 |")
            .contains("| `consumer.session.timeout.ms` | int | 45000 |");
        BrokerConfigDefinitions.DEFINITION.names().forEach(name -> assertThat(doc).contains("| `" + name + "` |"));
    }
}
