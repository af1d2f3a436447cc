package io.tributary.coordinator.group.records;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How to read one record type: its key fields, and its value fields given the value's version. New group types
 * (KIP-848 consumer groups) register their own types with the serde.
 */
public record RecordType(short id, Function<FieldReader, RecordKey> keyReader,
                         BiFunction<FieldReader, Short, RecordValue> valueReader) {
}
