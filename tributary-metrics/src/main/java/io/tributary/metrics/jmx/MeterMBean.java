package io.tributary.metrics.jmx;

import java.util.concurrent.TimeUnit;

/** The attributes of Kafka's (Yammer 2) meter MBeans, under the same names and types. */
public interface MeterMBean {
    long getCount();

    String getEventType();

    TimeUnit getRateUnit();

    double getMeanRate();

    double getOneMinuteRate();

    double getFiveMinuteRate();

    double getFifteenMinuteRate();
}
