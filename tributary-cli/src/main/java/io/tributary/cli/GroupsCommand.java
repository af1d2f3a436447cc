package io.tributary.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "groups", description = "List and describe consumer groups, with lag.",
        subcommands = {GroupsCommand.ListGroups.class, GroupsCommand.Describe.class})
final class GroupsCommand {

    @ParentCommand
    TributaryCli cli;

    @Command(name = "list", description = "Groups with their type, protocol and state.")
    static final class ListGroups implements Callable<Integer> {
        @ParentCommand
        GroupsCommand groups;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(groups.cli.clientProperties())) {
                Table table = new Table("GROUP", "TYPE", "PROTOCOL", "STATE");
                admin.listGroups().all().get().stream().sorted(Comparator.comparing(GroupListing::groupId))
                        .forEach(g -> table.row(g.groupId(), g.type().map(Object::toString).orElse("-"),
                                g.protocol().isEmpty() ? "-" : g.protocol(),
                                g.groupState().map(Object::toString).orElse("-")));
                table.print(spec.commandLine().getOut());
            }
            return 0;
        }
    }

    @Command(name = "describe", description = "A consumer group's members, committed offsets and lag.")
    static final class Describe implements Callable<Integer> {
        @ParentCommand
        GroupsCommand groups;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "GROUP")
        String groupId;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(groups.cli.clientProperties())) {
                PrintWriter out = spec.commandLine().getOut();
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                        .describedGroups().get(groupId).get();
                out.println("Group " + groupId + ": " + group.groupState() + ", " + group.type() + " protocol, "
                        + group.members().size() + " member(s), coordinator " + group.coordinator().id());
                Map<TopicPartition, String> owners = new HashMap<>();
                for (MemberDescription member : group.members()) {
                    member.assignment().topicPartitions().forEach(tp -> owners.put(tp,
                            member.consumerId() + " (" + member.clientId() + "@" + member.host() + ")"));
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                owners.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get();
                Table table = new Table("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "MEMBER");
                latest.keySet().stream().sorted(Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition)).forEach(tp -> {
                            OffsetAndMetadata offset = committed.get(tp);
                            long end = ends.get(tp).offset();
                            table.row(tp.topic(), tp.partition(), offset == null ? "-" : offset.offset(), end,
                                    offset == null ? "-" : Math.max(0, end - offset.offset()),
                                    owners.getOrDefault(tp, "-"));
                        });
                table.print(out);
            }
            return 0;
        }
    }
}
