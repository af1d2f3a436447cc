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
 * Lets through at most one event per interval for each message of a few chatty loggers: while a peer is down,
 * Ratis's log appender warns, and its client connections log a failed start (WARN) and a failed state transition
 * (ERROR, with a stack trace), every few hundred milliseconds each (tens of thousands of lines a minute). The first
 * event of each interval still shows that the peer is unreachable. A message is its format and first argument (for
 * Ratis's lifecycle, the name of the connection or component), so one peer's churn never hides another failure.
 * Errors pass, except from the lifecycle logger, whose errors are that churn.
 */
public final class RepeatedWarningFilter extends TurboFilter {

    /** Loggers that repeat one warning for as long as a condition lasts. */
    static final Set<String> CHATTY = Set.of("org.apache.ratis.server.leader.LogAppender",
            "org.apache.ratis.grpc.server.GrpcLogAppender", "org.apache.ratis.netty.NettyRpcProxy",
            RatisLifeCycle.LOGGER);

    /** Ratis's lifecycle logger reports every failed connection attempt as an ERROR with a stack trace. */
    private static final class RatisLifeCycle {
        static final String LOGGER = "org.apache.ratis.util.LifeCycle";
    }

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
        String name = logger.getName();
        if (level == null || !CHATTY.contains(name) || !level.isGreaterOrEqual(logger.getEffectiveLevel())
                || level.isGreaterOrEqual(Level.ERROR) && !name.equals(RatisLifeCycle.LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        String message = format == null ? name
                : name + '|' + format + '|' + (params == null || params.length == 0 ? "" : params[0]);
        long now = nanoTime.getAsLong();
        boolean[] pass = {false};
        lastPassedNanos.compute(message, (key, last) -> {
            if (last == null || now - last >= intervalNanos) {
                pass[0] = true;
                return now;
            }
            return last;
        });
        return pass[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
