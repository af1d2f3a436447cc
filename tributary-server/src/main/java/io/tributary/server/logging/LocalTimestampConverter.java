package io.tributary.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * {@code yyyy-MM-dd HH:mm:ss.SSS} in the local time zone, as {@code %d{...}} prints it, without a
 * {@code DateTimeFormatter}: building one loads the JDK's locale data (CLDR), which costs the first log line of a
 * broker's start tens of milliseconds. The text of the current second is cached.
 */
public final class LocalTimestampConverter extends ClassicConverter {

    private final ZoneRules zone = ZoneId.systemDefault().getRules();
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix = "";

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        long second = Math.floorDiv(millis, 1000);
        int milli = (int) Math.floorMod(millis, 1000);
        String prefix;
        synchronized (this) {
            if (second != cachedSecond) {
                cachedPrefix = secondText(second);
                cachedSecond = second;
            }
            prefix = cachedPrefix;
        }
        StringBuilder text = new StringBuilder(23).append(prefix).append('.');
        if (milli < 100) {
            text.append('0');
        }
        if (milli < 10) {
            text.append('0');
        }
        return text.append(milli).toString();
    }

    private String secondText(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, zone.getOffset(Instant.ofEpochSecond(epochSecond)));
        StringBuilder text = new StringBuilder(19);
        text.append(t.getYear()).append('-');
        twoDigits(text, t.getMonthValue()).append('-');
        twoDigits(text, t.getDayOfMonth()).append(' ');
        twoDigits(text, t.getHour()).append(':');
        twoDigits(text, t.getMinute()).append(':');
        return twoDigits(text, t.getSecond()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return (value < 10 ? text.append('0') : text).append(value);
    }
}
