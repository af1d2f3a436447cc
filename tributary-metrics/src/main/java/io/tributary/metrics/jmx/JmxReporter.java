package io.tributary.metrics.jmx;

import io.tributary.metrics.KafkaMetric;
import io.tributary.metrics.KafkaMetrics;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a broker's {@link KafkaMetrics} as MBeans on the platform MBean server, under Kafka's ObjectNames and with
 * the attributes of Kafka's Yammer MBeans, so JMX tools and the Prometheus JMX exporter see what they see on Kafka.
 * When several brokers share a JVM (tests) the first one to register a name keeps it; each broker's HTTP endpoint
 * still reports its own numbers.
 */
public final class JmxReporter implements KafkaMetrics.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxReporter.class);

    private final KafkaMetrics metrics;
    private final Supplier<MBeanServer> servers;
    private volatile MBeanServer server;
    private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();
    private volatile boolean sharedJvmLogged;
    /** Guarded by this: set by close(), so that a background start that comes later registers nothing. */
    private boolean closed;

    public JmxReporter(KafkaMetrics metrics) {
        this(metrics, ManagementFactory::getPlatformMBeanServer);
    }

    JmxReporter(KafkaMetrics metrics, MBeanServer server) {
        this(metrics, () -> server);
    }

    private JmxReporter(KafkaMetrics metrics, Supplier<MBeanServer> servers) {
        this.metrics = metrics;
        this.servers = servers;
    }

    /** Registers every metric, present and future, before it returns. */
    public JmxReporter start() {
        attach();
        return this;
    }

    /**
     * Registers the metrics from a short-lived thread: the platform MBean server's first use (the JVM's own MXBeans,
     * its diagnostic commands) costs a broker's start-up about a hundred milliseconds that it need not wait for.
     */
    public JmxReporter startInBackground() {
        Thread attaching = new Thread(this::attach, "tributary-jmx-start");
        attaching.setDaemon(true);
        attaching.start();
        return this;
    }

    private synchronized void attach() {
        if (closed) {
            return;
        }
        server = servers.get();
        metrics.addListener(this);
    }

    @Override
    public void added(KafkaMetric metric) {
        try {
            ObjectName name = new ObjectName(metric.name().mbeanName());
            server.registerMBean(mbean(metric), name);
            registered.add(name);
        } catch (InstanceAlreadyExistsException e) {
            if (!sharedJvmLogged) {
                sharedJvmLogged = true;
                LOG.info("Another broker in this JVM already registered {}; its MBeans are kept", metric.name());
            }
        } catch (JMException e) {
            LOG.warn("Could not register MBean {}", metric.name(), e);
        }
    }

    @Override
    public void removed(KafkaMetric metric) {
        try {
            ObjectName name = new ObjectName(metric.name().mbeanName());
            if (registered.remove(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("Could not unregister MBean {}", metric.name(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        metrics.removeListener(this);
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("Could not unregister MBean {}", name, e);
            }
        }
        registered.clear();
    }

    private static Object mbean(KafkaMetric metric) throws JMException {
        if (metric instanceof KafkaMetric.MeterMetric meter) {
            return new StandardMBean(new MetricMBeans.MeterBean(meter.meter(), meter.eventType()), MeterMBean.class);
        }
        if (metric instanceof KafkaMetric.HistogramMetric histogram) {
            return new StandardMBean(new MetricMBeans.HistogramBean(histogram.histogram()), HistogramMBean.class);
        }
        if (metric instanceof KafkaMetric.TimerMetric timer) {
            return new StandardMBean(new MetricMBeans.TimerBean(
                    new MetricMBeans.MeterBean(timer.meter(), timer.eventType()),
                    new MetricMBeans.HistogramBean(timer.histogram())), TimerMBean.class);
        }
        if (metric instanceof KafkaMetric.GaugeMetric gauge) {
            return new StandardMBean(new MetricMBeans.GaugeBean(gauge.gauge()), GaugeMBean.class);
        }
        return new MetricMBeans.AttributesBean(((KafkaMetric.AttributesMetric) metric).attributes());
    }
}
