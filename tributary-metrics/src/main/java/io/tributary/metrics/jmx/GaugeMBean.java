package io.tributary.metrics.jmx;

/** The attribute of Kafka's (Yammer 2) gauge MBeans. */
public interface GaugeMBean {
    Object getValue();
}
