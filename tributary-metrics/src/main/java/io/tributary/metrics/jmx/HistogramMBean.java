package io.tributary.metrics.jmx;

/** The attributes of Kafka's (Yammer 2) histogram MBeans, under the same names and types. */
public interface HistogramMBean {
    long getCount();

    double getMin();

    double getMax();

    double getMean();

    double getStdDev();

    double get50thPercentile();

    double get75thPercentile();

    double get95thPercentile();

    double get98thPercentile();

    double get99thPercentile();

    double get999thPercentile();

    double[] values();
}
