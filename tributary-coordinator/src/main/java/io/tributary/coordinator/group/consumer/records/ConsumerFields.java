package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/** The composite fields of consumer group records: topic ids, string lists and partition assignments. */
final class ConsumerFields {

    private ConsumerFields() {
    }

    static void writeUuid(FieldWriter out, Uuid id) {
        out.writeLong(id.getMostSignificantBits()).writeLong(id.getLeastSignificantBits());
    }

    static Uuid readUuid(FieldReader in) {
        return new Uuid(in.readLong(), in.readLong());
    }

    /** Null is written as count -1. */
    static void writeStrings(FieldWriter out, List<String> values) {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        values.forEach(out::writeString);
    }

    static List<String> readStrings(FieldReader in) {
        int count = in.readInt();
        if (count < 0) {
            return null;
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readString());
        }
        return Collections.unmodifiableList(values);
    }

    static void writeAssignment(FieldWriter out, Map<Uuid, Set<Integer>> assignment) {
        out.writeInt(assignment.size());
        assignment.forEach((topic, partitions) -> {
            writeUuid(out, topic);
            out.writeInt(partitions.size());
            partitions.forEach(out::writeInt);
        });
    }

    static Map<Uuid, Set<Integer>> readAssignment(FieldReader in) {
        int topics = in.readInt();
        Map<Uuid, Set<Integer>> assignment = new LinkedHashMap<>();
        for (int t = 0; t < topics; t++) {
            Uuid topic = readUuid(in);
            int count = in.readInt();
            Set<Integer> partitions = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                partitions.add(in.readInt());
            }
            assignment.put(topic, Collections.unmodifiableSet(partitions));
        }
        return Collections.unmodifiableMap(assignment);
    }
}
