package io.tributary.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "topics", description = "List, describe, create and delete topics.",
        subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.Describe.class, TopicsCommand.Create.class,
                TopicsCommand.Delete.class})
final class TopicsCommand {

    @ParentCommand
    TributaryCli cli;

    @Command(name = "list", description = "Topic names, one per line.")
    static final class ListTopics implements Callable<Integer> {
        @ParentCommand
        TopicsCommand topics;
        @Spec
        CommandSpec spec;
        @Option(names = "--internal", description = "include internal topics (__consumer_offsets, ...)")
        boolean internal;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(topics.cli.clientProperties())) {
                PrintWriter out = spec.commandLine().getOut();
                admin.listTopics(new ListTopicsOptions().listInternal(internal)).names().get().stream().sorted()
                        .forEach(out::println);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "describe", description = "Partitions with leader, replicas, ISR and offsets.")
    static final class Describe implements Callable<Integer> {
        @ParentCommand
        TopicsCommand topics;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "TOPIC")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(topics.cli.clientProperties())) {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                descriptions.values().forEach(d -> d.partitions().forEach(p -> {
                    earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                }));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                        admin.listOffsets(earliest).all().get();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get();
                Table table = new Table("TOPIC", "PARTITION", "LEADER", "REPLICAS", "ISR", "START", "END");
                for (String name : names) {
                    for (TopicPartitionInfo p : descriptions.get(name).partitions()) {
                        TopicPartition tp = new TopicPartition(name, p.partition());
                        table.row(name, p.partition(), Optional.ofNullable(p.leader()).map(Node::idString)
                                .orElse("none"), ids(p.replicas()), ids(p.isr()), starts.get(tp).offset(),
                                ends.get(tp).offset());
                    }
                }
                table.print(spec.commandLine().getOut());
            }
            return 0;
        }

        private static String ids(List<Node> nodes) {
            return nodes.stream().map(Node::idString).collect(Collectors.joining(","));
        }
    }

    @Command(name = "create", description = "Create a topic.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        TopicsCommand topics;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "TOPIC")
        String name;
        @Option(names = {"-p", "--partitions"}, description = "default: the broker's num.partitions")
        Integer partitions;
        @Option(names = {"-r", "--replication-factor"},
                description = "default: the broker's default.replication.factor")
        Short replicationFactor;
        @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE", description = "topic config, repeatable")
        Map<String, String> configs = new HashMap<>();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(topics.cli.clientProperties())) {
                NewTopic topic = new NewTopic(name, Optional.ofNullable(partitions),
                        Optional.ofNullable(replicationFactor)).configs(configs);
                admin.createTopics(List.of(topic)).all().get();
                spec.commandLine().getOut().println("Created topic " + name + ".");
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete topics.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        TopicsCommand topics;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "TOPIC")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(topics.cli.clientProperties())) {
                admin.deleteTopics(names).all().get();
                names.forEach(n -> spec.commandLine().getOut().println("Deleted topic " + n + "."));
            }
            return 0;
        }
    }
}
