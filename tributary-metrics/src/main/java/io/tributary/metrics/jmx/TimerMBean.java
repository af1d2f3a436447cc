package io.tributary.metrics.jmx;

import java.util.concurrent.TimeUnit;

/** The attributes of Kafka's (Yammer 2) timer MBeans: a meter's and a histogram's, plus the latency unit. */
public interface TimerMBean extends MeterMBean, HistogramMBean {
    TimeUnit getLatencyUnit();
}
