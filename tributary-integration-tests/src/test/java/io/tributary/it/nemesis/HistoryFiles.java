package io.tributary.it.nemesis;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes a run's history as tab-separated files in its own folder, its summary and problems in summary.txt there,
 * and appends the one-line summary to {@code summary.txt} beside the run folders.
 */
final class HistoryFiles {

    private HistoryFiles() {
    }

    static void write(Path runDir, History history, HistoryChecker.Verdict verdict) throws IOException {
        Files.createDirectories(runDir);
        try (PrintWriter out = writer(runDir.resolve("faults.tsv"))) {
            out.println("# index\tkind\tnode\tstartMs\theldMs\thealMs\tdetail");
            history.faults().forEach(fault -> out.println(fault.tsv()));
        }
        try (PrintWriter out = writer(runDir.resolve("acknowledged.tsv"))) {
            out.println("# producer\tpartition\toffset\tvalue (idempotent: acknowledged; transactional: committed)");
            out.println("# idempotent sent=" + history.idempotentSent() + " topic=" + history.idempotentTopic());
            out.println("# transactional sent=" + history.transactionalSent() + " topic=" + history.transactionalTopic());
            acks(out, "idempotent", history.idempotentAcks());
            acks(out, "transactional", history.committed());
        }
        try (PrintWriter out = writer(runDir.resolve("transactions-not-committed.tsv"))) {
            out.println("# status\tvalue (aborted: abortTransaction was called; uncertain: commitTransaction failed)");
            history.aborted().stream().sorted().forEach(value -> out.println("aborted\t" + value));
            history.uncertain().stream().sorted().forEach(value -> out.println("uncertain\t" + value));
        }
        try (PrintWriter out = writer(runDir.resolve("group-reads.tsv"))) {
            out.println("# member\ttopic\tpartition\toffset\tvalue");
            for (Map.Entry<String, List<ConsumerRecord<String, String>>> member : history.groupReads().entrySet()) {
                member.getValue().forEach(record -> out.println(member.getKey() + "\t" + record(record)));
            }
        }
        try (PrintWriter out = writer(runDir.resolve("group-offsets.tsv"))) {
            out.println("# ms\ttopic-partition\tcommitted offset (each change seen through OffsetFetch)");
            history.committedOffsets().forEach(o -> out.println(o.millis() + "\t" + o.partition() + "\t" + o.offset()));
        }
        try (PrintWriter out = writer(runDir.resolve("log.tsv"))) {
            out.println("# topic\tpartition\toffset\tvalue (read back with read_committed after the run)");
            history.idempotentLog().forEach(record -> out.println(record(record)));
            history.transactionalLog().forEach(record -> out.println(record(record)));
        }
        try (PrintWriter out = writer(runDir.resolve("summary.txt"))) {
            out.println(verdict.summary().line());
            verdict.problems().forEach(out::println);
        }
        Files.writeString(runDir.getParent().resolve("summary.txt"), verdict.summary().line() + "  " + runDir.getFileName()
                + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void acks(PrintWriter out, String producer, List<Ack> acks) {
        acks.forEach(ack -> out.println(producer + "\t" + ack.partition() + "\t" + ack.offset() + "\t" + ack.value()));
    }

    private static String record(ConsumerRecord<String, String> record) {
        return record.topic() + "\t" + record.partition() + "\t" + record.offset() + "\t" + record.value();
    }

    private static PrintWriter writer(Path file) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }
}
