package io.tributary.storage.validation;

import java.util.List;

/**
 * A produce refused because some of its records break a rule (Kafka's {@code RecordValidationException}): the
 * exception itself is the partition's error ({@link InvalidRecordsException} is INVALID_RECORD,
 * {@link InvalidTimestampsException} INVALID_TIMESTAMP, so {@code Errors.forException} maps it as any other), its
 * message the partition's error message, and {@link #recordErrors()} names the records, so a client fails only
 * those and retries the others.
 */
public sealed interface RecordErrors permits InvalidRecordsException, InvalidTimestampsException {

    List<RecordError> recordErrors();

    /** The exception Kafka would throw for these record errors: INVALID_TIMESTAMP if any is, else INVALID_RECORD. */
    static RuntimeException of(List<RecordError> errors, boolean anyTimestampError) {
        if (anyTimestampError) {
            return new InvalidTimestampsException("One or more records have been rejected due to invalid timestamp",
                    errors);
        }
        return new InvalidRecordsException("One or more records have been rejected due to " + errors.size()
                + " record errors in total, and only showing the first three errors at most: "
                + errors.subList(0, Math.min(errors.size(), 3)), errors);
    }
}
