package io.tributary.storage.validation;

import java.util.List;
import org.apache.kafka.common.errors.InvalidTimestampException;

/** INVALID_TIMESTAMP for a batch some of whose records have a timestamp out of range; see {@link RecordErrors}. */
public final class InvalidTimestampsException extends InvalidTimestampException implements RecordErrors {

    private static final long serialVersionUID = 1L;

    private final transient List<RecordError> recordErrors;

    public InvalidTimestampsException(String message, List<RecordError> recordErrors) {
        super(message);
        this.recordErrors = List.copyOf(recordErrors);
    }

    @Override
    public List<RecordError> recordErrors() {
        return recordErrors;
    }
}
