package io.tributary.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Logs to the console in Kafka's layout without reading any XML: parsing a logback.xml costs a cold JVM several
 * hundred milliseconds of start-up. {@code -Dtributary.log.level=DEBUG} changes the level;
 * {@code -Dlogback.configurationFile=...} (or a logback-test.xml on the classpath) takes over completely.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

    /** Kafka's layout; {@code %localTime} prints what {@code %d{yyyy-MM-dd HH:mm:ss.SSS}} would, more cheaply. */
    static final String PATTERN = "[%localTime] %-5level %msg \\(%logger{0}\\)%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules =
                (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("localTime", LocalTimestampConverter::new);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("tributary.log.level"), Level.INFO));
        root.addAppender(console);
        // Ratis narrates every election round and connection at INFO; our own quorum log lines say what matters.
        context.getLogger("org.apache.ratis").setLevel(Level.toLevel(System.getProperty("tributary.ratis.log.level"),
                Level.WARN));
        RepeatedWarningFilter repeated = new RepeatedWarningFilter();
        repeated.setContext(context);
        repeated.start();
        context.addTurboFilter(repeated);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
