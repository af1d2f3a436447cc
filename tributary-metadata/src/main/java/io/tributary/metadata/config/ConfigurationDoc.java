package io.tributary.metadata.config;

import java.util.TreeMap;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigDef;

/** docs/configuration.md, generated from the config definitions so it cannot drift from them. */
public final class ConfigurationDoc {

    private ConfigurationDoc() {
    }

    public static String render() {
        StringBuilder doc = new StringBuilder();
        doc.append("# Configuration\n\n")
            .append("<!-- Generated from the ConfigDefs by ConfigurationDocTest; do not edit by hand. Regenerate with:\n")
            .append("     mvn -B -ntp verify -pl tributary-metadata -am -Dtest=ConfigurationDocTest ")
            .append("-Dsurefire.failIfNoSpecifiedTests=false -Dtributary.docs.write=true -->\n\n")
            .append("Every setting Tributary reads, with Kafka's names, types and defaults. A value that does not parse or ")
            .append("validate stops start-up with one line naming it; a key no definition knows is logged once as unused.\n\n")
            .append("## Broker settings (server.properties)\n\n")
            .append("*Dynamic*: `per-broker` settings can be changed at run time for one broker ")
            .append("(`kafka-configs --entity-type brokers --entity-name ID --alter`), `cluster-wide` ones for one broker or ")
            .append("as the cluster default (`--entity-default`); `listener.name.NAME.` prefixed versions of the listener ")
            .append("settings are per-broker. See \"Dynamic broker configs\" in [cluster.md](cluster.md) for which take effect ")
            .append("at once.\n\n");
        table(doc, BrokerConfigDefinitions.DEFINITION, ConfigurationDoc::updateMode);
        doc.append("\n## Topic configs\n\n")
            .append("Set with `kafka-topics --create --config` or `kafka-configs --entity-type topics`; unset, a topic ")
            .append("uses the broker setting named in its documentation (e.g. `log.retention.ms` for `retention.ms`).\n\n");
        table(doc, TopicConfigDefinitions.DEFINITION, null);
        doc.append("\n## Group configs\n\n")
            .append("Set with `kafka-configs --entity-type groups --entity-name GROUP --alter`; unset, a group uses the ")
            .append("broker's `group.consumer.*` / `group.share.*` value (the default shown is Kafka's). The `share.*` ")
            .append("configs are validated and stored; share groups themselves are not served yet.\n\n");
        table(doc, GroupConfigDefinitions.DEFINITION, null);
        return doc.toString();
    }

    private static void table(StringBuilder doc, ConfigDef def, Function<String, String> dynamic) {
        doc.append("| name | type | default | valid values | importance |").append(dynamic != null ? " dynamic |" : "")
            .append(" description |\n|---|---|---|---|---|").append(dynamic != null ? "---|" : "").append("---|\n");
        new TreeMap<>(def.configKeys()).values().forEach(key -> doc.append("| `").append(key.name).append("` | ")
            .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
            .append(cell(defaultOf(key))).append(" | ")
            .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
            .append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
            .append(dynamic != null ? dynamic.apply(key.name) + " | " : "")
            .append(cell(key.documentation)).append(" |\n"));
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value.isEmpty() ? "\"\"" : value;
    }

    private static String updateMode(String name) {
        if (!DynamicBrokerConfigs.ALL.contains(name)) {
            return "";
        }
        return DynamicBrokerConfigs.isPerBrokerOnly(name) ? "per-broker" : "cluster-wide";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ").trim();
    }
}
