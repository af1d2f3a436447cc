package io.tributary.metrics.jmx;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Snapshot;
import io.tributary.metrics.AttributeSet;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;

/** The MBean objects behind each kind of metric. */
final class MetricMBeans {

    private MetricMBeans() {
    }

    record MeterBean(Meter meter, String eventType) implements MeterMBean {
        @Override
        public long getCount() {
            return meter.getCount();
        }

        @Override
        public String getEventType() {
            return eventType;
        }

        @Override
        public TimeUnit getRateUnit() {
            return TimeUnit.SECONDS;
        }

        @Override
        public double getMeanRate() {
            return meter.getMeanRate();
        }

        @Override
        public double getOneMinuteRate() {
            return meter.getOneMinuteRate();
        }

        @Override
        public double getFiveMinuteRate() {
            return meter.getFiveMinuteRate();
        }

        @Override
        public double getFifteenMinuteRate() {
            return meter.getFifteenMinuteRate();
        }
    }

    record HistogramBean(Histogram histogram) implements HistogramMBean {
        @Override
        public long getCount() {
            return histogram.getCount();
        }

        @Override
        public double getMin() {
            return histogram.getSnapshot().getMin();
        }

        @Override
        public double getMax() {
            return histogram.getSnapshot().getMax();
        }

        @Override
        public double getMean() {
            return histogram.getSnapshot().getMean();
        }

        @Override
        public double getStdDev() {
            return histogram.getSnapshot().getStdDev();
        }

        @Override
        public double get50thPercentile() {
            return histogram.getSnapshot().getMedian();
        }

        @Override
        public double get75thPercentile() {
            return histogram.getSnapshot().get75thPercentile();
        }

        @Override
        public double get95thPercentile() {
            return histogram.getSnapshot().get95thPercentile();
        }

        @Override
        public double get98thPercentile() {
            return histogram.getSnapshot().get98thPercentile();
        }

        @Override
        public double get99thPercentile() {
            return histogram.getSnapshot().get99thPercentile();
        }

        @Override
        public double get999thPercentile() {
            return histogram.getSnapshot().get999thPercentile();
        }

        @Override
        public double[] values() {
            Snapshot snapshot = histogram.getSnapshot();
            return Arrays.stream(snapshot.getValues()).asDoubleStream().toArray();
        }
    }

    /** A meter and a histogram under one name. */
    record TimerBean(MeterBean meter, HistogramBean histogram) implements TimerMBean {
        @Override
        public long getCount() {
            return meter.getCount();
        }

        @Override
        public String getEventType() {
            return meter.getEventType();
        }

        @Override
        public TimeUnit getRateUnit() {
            return meter.getRateUnit();
        }

        @Override
        public double getMeanRate() {
            return meter.getMeanRate();
        }

        @Override
        public double getOneMinuteRate() {
            return meter.getOneMinuteRate();
        }

        @Override
        public double getFiveMinuteRate() {
            return meter.getFiveMinuteRate();
        }

        @Override
        public double getFifteenMinuteRate() {
            return meter.getFifteenMinuteRate();
        }

        @Override
        public double getMin() {
            return histogram.getMin();
        }

        @Override
        public double getMax() {
            return histogram.getMax();
        }

        @Override
        public double getMean() {
            return histogram.getMean();
        }

        @Override
        public double getStdDev() {
            return histogram.getStdDev();
        }

        @Override
        public double get50thPercentile() {
            return histogram.get50thPercentile();
        }

        @Override
        public double get75thPercentile() {
            return histogram.get75thPercentile();
        }

        @Override
        public double get95thPercentile() {
            return histogram.get95thPercentile();
        }

        @Override
        public double get98thPercentile() {
            return histogram.get98thPercentile();
        }

        @Override
        public double get99thPercentile() {
            return histogram.get99thPercentile();
        }

        @Override
        public double get999thPercentile() {
            return histogram.get999thPercentile();
        }

        @Override
        public double[] values() {
            return histogram.values();
        }

        @Override
        public TimeUnit getLatencyUnit() {
            return TimeUnit.MILLISECONDS;
        }
    }

    record GaugeBean(Gauge<?> gauge) implements GaugeMBean {
        @Override
        public Object getValue() {
            return gauge.getValue();
        }
    }

    /** A Kafka-client-style MBean: one read-only attribute per metric. */
    static final class AttributesBean implements DynamicMBean {
        private final AttributeSet attributes;

        AttributesBean(AttributeSet attributes) {
            this.attributes = attributes;
        }

        @Override
        public Object getAttribute(String name) throws AttributeNotFoundException {
            Supplier<Object> value = attributes.attributes().get(name);
            if (value == null) {
                throw new AttributeNotFoundException(name);
            }
            return value.get();
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            for (String name : names) {
                Supplier<Object> value = attributes.attributes().get(name);
                if (value != null) {
                    list.add(new Attribute(name, value.get()));
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList list) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) {
            throw new UnsupportedOperationException(action);
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanAttributeInfo[] infos = attributes.attributes().entrySet().stream()
                    .map(e -> new MBeanAttributeInfo(e.getKey(), typeOf(e.getValue()), e.getKey(), true, false,
                            false))
                    .toArray(MBeanAttributeInfo[]::new);
            return new MBeanInfo(getClass().getName(), "Kafka metrics", infos, null, new MBeanOperationInfo[0], null);
        }

        /**
         * The attribute's type, from a sample of its value: a gauge that cannot answer yet (its source not started)
         * must not keep the whole MBean from being registered or described, so it is declared a double.
         */
        private static String typeOf(Supplier<Object> value) {
            try {
                return value.get() instanceof String ? String.class.getName() : Double.class.getName();
            } catch (RuntimeException notReadyYet) {
                return Double.class.getName();
            }
        }
    }
}
