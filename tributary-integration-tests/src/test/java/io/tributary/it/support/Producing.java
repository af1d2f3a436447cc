package io.tributary.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sending helpers that wait for the broker's acknowledgement. */
public final class Producing {

    private static final long ACK_TIMEOUT_SECONDS = 20;

    private Producing() {
    }

    /** Sends all records without waiting in between (so they may share batches), then waits for every ack. */
    public static <K, V> List<RecordMetadata> sendAll(KafkaProducer<K, V> producer, List<ProducerRecord<K, V>> records)
            throws Exception {
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        for (ProducerRecord<K, V> record : records) {
            futures.add(producer.send(record));
        }
        producer.flush();
        List<RecordMetadata> acks = new ArrayList<>(futures.size());
        for (Future<RecordMetadata> future : futures) {
            acks.add(future.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return acks;
    }

    /** Sends one record and waits for its ack, so each call ends up in its own batch. */
    public static <K, V> RecordMetadata sendOne(KafkaProducer<K, V> producer, ProducerRecord<K, V> record) throws Exception {
        return producer.send(record).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** {@code count} records "prefix-0".."prefix-(count-1)" for one partition, with no key. */
    public static List<ProducerRecord<String, String>> numbered(String topic, int partition, String prefix, int count) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ProducerRecord<>(topic, partition, null, prefix + "-" + i));
        }
        return records;
    }

    /** {@code perPartition} records "prefix-p-i" for each partition p of the topic, with no key. */
    public static List<ProducerRecord<String, String>> acrossPartitions(String topic, int partitions, String prefix,
                                                                         int perPartition) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(partitions * perPartition);
        for (int p = 0; p < partitions; p++) {
            records.addAll(numbered(topic, p, prefix + "-" + p, perPartition));
        }
        return records;
    }

    /** Sends the records, waits for every ack, and returns their values. */
    public static <K> List<String> sendValues(KafkaProducer<K, String> producer, List<ProducerRecord<K, String>> records)
            throws Exception {
        sendAll(producer, records);
        List<String> values = new ArrayList<>(records.size());
        records.forEach(record -> values.add(record.value()));
        return values;
    }

    public static List<String> numberedValues(String prefix, int from, int toExclusive) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            values.add(prefix + "-" + i);
        }
        return values;
    }
}
