package io.tributary.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedWarningFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RepeatedWarningFilter filter = new RepeatedWarningFilter(30, now::get);

    @Test
    void aChattyLoggersWarningPassesOncePerInterval() {
        Logger appender = context.getLogger("org.apache.ratis.server.leader.LogAppender");

        assertThat(decide(appender, Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
        now.addAndGet(10);
        assertThat(decide(appender, Level.WARN)).isEqualTo(FilterReply.DENY);
        now.addAndGet(20);
        assertThat(decide(appender, Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void errorsAndOtherLoggersAlwaysPass() {
        Logger appender = context.getLogger("org.apache.ratis.server.leader.LogAppender");
        Logger ours = context.getLogger("io.tributary.broker.replica.ReplicaFetcher");

        decide(appender, Level.WARN);
        assertThat(decide(appender, Level.ERROR)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(ours, Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(ours, Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void ratisLifecycleErrorsPassOncePerIntervalForEachConnection() {
        Logger lifeCycle = context.getLogger("org.apache.ratis.util.LifeCycle");
        String format = "{} has failed ({} -> {})";

        assertThat(filter.decide(null, lifeCycle, Level.ERROR, format, new Object[]{"NettyClient-a:1"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, lifeCycle, Level.ERROR, format, new Object[]{"NettyClient-a:1"}, null))
                .isEqualTo(FilterReply.DENY);
        // another connection, or another component of the same logger, is not hidden by the first one's churn
        assertThat(filter.decide(null, lifeCycle, Level.ERROR, format, new Object[]{"NettyClient-b:2"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, lifeCycle, Level.ERROR, format, new Object[]{"RaftServer-1"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        now.addAndGet(30);
        assertThat(filter.decide(null, lifeCycle, Level.ERROR, format, new Object[]{"NettyClient-a:1"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void aChattyLoggerLogsThroughTheInstalledFilter() {
        // given: the filter installed, as ConsoleLogConfigurator does
        filter.start();
        context.addTurboFilter(filter);
        Logger appender = context.getLogger("org.apache.ratis.server.leader.LogAppender");

        // when / then: no recursion through the filter; one warning per interval
        assertThat(appender.isWarnEnabled()).isTrue();
        assertThat(appender.isWarnEnabled()).isFalse();
        now.addAndGet(30);
        assertThat(appender.isWarnEnabled()).isTrue();
    }

    private FilterReply decide(Logger logger, Level level) {
        return filter.decide(null, logger, level, "Failed to appendEntries", null, null);
    }
}
