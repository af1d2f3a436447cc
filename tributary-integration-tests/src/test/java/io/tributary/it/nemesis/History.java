package io.tributary.it.nemesis;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Everything one run recorded: the faults, what the producers sent and had acknowledged (committed, for the
 * transactional one), what each group member read, the group's committed offsets over time, and at the end each
 * topic read back from its beginning with read_committed.
 *
 * @param groupReads       per member name, every record it was handed, in order
 * @param groupCaughtUp    whether the group read every acknowledged record before it was stopped
 * @param finalHealMillis  how long after the last fault the cluster took to be whole, -1 if not within the bound
 * @param notes            what the run left out and why (e.g. a fault kind it could not inject here)
 */
record History(long seed, long durationMillis, List<Fault> faults,
               String idempotentTopic, int idempotentSent, List<Ack> idempotentAcks,
               String transactionalTopic, int transactionalSent, List<Ack> committed, Set<String> aborted,
               Set<String> uncertain,
               Map<String, List<ConsumerRecord<String, String>>> groupReads, boolean groupCaughtUp,
               List<OffsetWatcher.Observation> committedOffsets, List<String> offsetRegressions,
               List<ConsumerRecord<String, String>> idempotentLog, List<ConsumerRecord<String, String>> transactionalLog,
               long finalHealMillis, List<String> notes) {
}
