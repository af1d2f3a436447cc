package io.tributary.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cluster", description = "Cluster id, active controller and brokers.")
final class ClusterCommand implements Callable<Integer> {

    @ParentCommand
    TributaryCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(cli.clientProperties())) {
            DescribeClusterResult cluster = admin.describeCluster();
            Node controller = cluster.controller().get();
            Collection<Node> nodes = cluster.nodes().get();
            var out = spec.commandLine().getOut();
            out.println("Cluster id: " + cluster.clusterId().get());
            out.println("Controller: " + (controller == null || controller.isEmpty() ? "none" : controller.id()));
            Table table = new Table("BROKER", "HOST", "PORT", "RACK");
            nodes.stream().sorted(Comparator.comparingInt(Node::id)).forEach(n ->
                    table.row(n.id(), n.host(), n.port(), n.hasRack() ? n.rack() : "-"));
            table.print(out);
        }
        return 0;
    }
}
