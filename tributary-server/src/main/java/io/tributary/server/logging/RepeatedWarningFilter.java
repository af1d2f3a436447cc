package io.tributary.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Lets through at most one WARN (or lower) event per interval from each of a few chatty loggers: Ratis's log
 * appender warns, with a stack trace, every few hundred milliseconds for as long as a peer is down (thousands of
 * lines a minute). The first event of each interval still shows that the peer is unreachable; errors always pass.
 */
public final class RepeatedWarningFilter extends TurboFilter {

    /** Loggers that repeat one warning for as long as a condition lasts. */
    static final Set<String> CHATTY = Set.of("org.apache.ratis.server.leader.LogAppender",
            "org.apache.ratis.grpc.server.GrpcLogAppender");

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Long> lastPassedNanos = new ConcurrentHashMap<>();

    public RepeatedWarningFilter() {
        this(TimeUnit.SECONDS.toNanos(30), System::nanoTime);
    }

    RepeatedWarningFilter(long intervalNanos, LongSupplier nanoTime) {
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        // The effective level, not isEnabledFor: that asks the turbo filters again, this one included (recursion
        // until the stack overflows, in the Ratis thread that was logging).
        if (level == null || level.isGreaterOrEqual(Level.ERROR) || !CHATTY.contains(logger.getName())
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        long now = nanoTime.getAsLong();
        boolean[] pass = {false};
        lastPassedNanos.compute(logger.getName(), (name, last) -> {
            if (last == null || now - last >= intervalNanos) {
                pass[0] = true;
                return now;
            }
            return last;
        });
        return pass[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
