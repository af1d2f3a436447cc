package io.tributary.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Snapshot;
import io.tributary.metrics.jmx.JmxReporter;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class KafkaMetricsTest {

    @Test
    void mbeanNamesAreKafkas() {
        assertThat(MetricName.of("kafka.server", "BrokerTopicMetrics", "BytesInPerSec", "topic", "orders")
                .mbeanName()).isEqualTo("kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=orders");
        assertThat(MetricName.of("kafka.server", "BrokerTopicMetrics", "BytesInPerSec", "topic", "").mbeanName())
                .as("empty tags are left out, as Kafka does").isEqualTo(
                        "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec");
        assertThat(MetricName.of("kafka.server", "socket-server-metrics", null, "listener", "PLAINTEXT",
                "networkProcessor", "1").mbeanName())
                .isEqualTo("kafka.server:type=socket-server-metrics,listener=PLAINTEXT,networkProcessor=1");
    }

    @Test
    void registeringTwiceReturnsTheSameMeter() {
        KafkaMetrics metrics = new KafkaMetrics();
        MetricName name = MetricName.of("kafka.server", "ReplicaManager", "IsrShrinksPerSec");
        assertThat(metrics.meter(name, "shrinks")).isSameAs(metrics.meter(name, "shrinks"));
    }

    @Test
    void histogramPercentilesOfRecentValues() {
        Histogram histogram = new KafkaMetrics().histogram(MetricName.of("kafka.network", "RequestMetrics",
                "TotalTimeMs", "request", "Produce"));
        for (int i = 1; i <= 1000; i++) {
            histogram.update(i);
        }
        Snapshot snapshot = histogram.getSnapshot();
        assertThat(histogram.getCount()).isEqualTo(1000);
        assertThat(snapshot.getMedian()).isBetween(495.0, 505.0);
        assertThat(snapshot.get99thPercentile()).isBetween(985.0, 995.0);
        assertThat(snapshot.getMin()).isEqualTo(1);
        assertThat(snapshot.getMax()).isBetween(999L, 1001L);
        assertThat(snapshot.getValues()).hasSize(1000).isSorted();
        histogram.update(5000);
        assertThat(histogram.getSnapshot().getMax()).as("earlier intervals stay in the window").isBetween(4990L, 5010L);
        assertThat(histogram.getSnapshot().size()).isEqualTo(1001);
    }

    @Test
    void readsWithoutNewValuesShareOneSnapshotAndNewValuesShowAtOnce() {
        Histogram histogram = new KafkaMetrics().histogram(MetricName.of("kafka.network", "RequestMetrics",
                "LocalTimeMs", "request", "Fetch"));
        histogram.update(10);
        histogram.update(20);
        Snapshot first = histogram.getSnapshot();
        assertThat(histogram.getSnapshot()).as("an MBean's attribute reads with nothing new: no new copy")
                .isSameAs(first);

        histogram.update(30);
        Snapshot second = histogram.getSnapshot();

        assertThat(second).isNotSameAs(first);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.getMax()).isEqualTo(30);
        assertThat(second.getMin()).isEqualTo(10);
        assertThat(first.size()).as("a snapshot handed out never changes").isEqualTo(2);
    }

    @Test
    void jmxReporterRegistersAndRemovesMBeans() throws Exception {
        KafkaMetrics metrics = new KafkaMetrics();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        MetricName name = MetricName.of("kafka.test", "Unit", "ThingsPerSec", "topic", "t1");
        try (JmxReporter reporter = new JmxReporter(metrics).start()) {
            metrics.meter(name, "things").mark(3);
            ObjectName objectName = new ObjectName(name.mbeanName());
            assertThat(server.getAttribute(objectName, "Count")).isEqualTo(3L);
            assertThat(server.getAttribute(objectName, "EventType")).isEqualTo("things");
            metrics.remove(name);
            assertThat(server.isRegistered(objectName)).isFalse();
        }
    }
}
