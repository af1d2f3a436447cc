package io.tributary.console.cluster;

import io.tributary.console.ConsoleContext;
import io.tributary.console.http.Router;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/** {@code GET /cluster}: the cluster id, the controller and the brokers, as the serving node sees them. */
public final class ClusterRoutes {

    private ClusterRoutes() {
    }

    public static void register(Router router, ConsoleContext context) {
        router.get("/cluster", request -> {
            DescribeClusterResult cluster = request.admin().describeCluster();
            Node controller = cluster.controller().get(10, TimeUnit.SECONDS);
            List<Map<String, Object>> brokers = cluster.nodes().get(10, TimeUnit.SECONDS).stream()
                    .sorted(Comparator.comparingInt(Node::id))
                    .map(n -> {
                        Map<String, Object> broker = new LinkedHashMap<>();
                        broker.put("id", n.id());
                        broker.put("host", n.host());
                        broker.put("port", n.port());
                        broker.put("rack", n.rack());
                        return broker;
                    })
                    .toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("clusterId", cluster.clusterId().get(10, TimeUnit.SECONDS));
            out.put("servedBy", context.nodeId());
            out.put("controllerId", controller == null ? null : controller.id());
            out.put("brokers", brokers);
            return out;
        });
    }
}
