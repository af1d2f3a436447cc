package io.tributary.metadata.config;

import java.util.concurrent.TimeUnit;

/**
 * A broker config that supplies the default of a topic config, possibly in another unit (e.g. log.roll.hours
 * for segment.ms).
 */
public record ConfigSynonym(String name, TimeUnit unit) {

    public static ConfigSynonym sameUnit(String name) {
        return new ConfigSynonym(name, null);
    }

    public static ConfigSynonym inHours(String name) {
        return new ConfigSynonym(name, TimeUnit.HOURS);
    }

    public static ConfigSynonym inMinutes(String name) {
        return new ConfigSynonym(name, TimeUnit.MINUTES);
    }

    /** Converts a parsed broker value to the topic config's unit (milliseconds for time synonyms). */
    public Object toTopicValue(Object brokerValue) {
        if (unit == null || brokerValue == null) {
            return brokerValue;
        }
        return unit.toMillis(((Number) brokerValue).longValue());
    }
}
