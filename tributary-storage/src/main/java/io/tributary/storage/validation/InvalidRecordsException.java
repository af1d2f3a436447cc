package io.tributary.storage.validation;

import java.util.List;
import org.apache.kafka.common.InvalidRecordException;

/** INVALID_RECORD for a batch some of whose records break a rule; see {@link RecordErrors}. */
public final class InvalidRecordsException extends InvalidRecordException implements RecordErrors {

    private static final long serialVersionUID = 1L;

    private final transient List<RecordError> recordErrors;

    public InvalidRecordsException(String message, List<RecordError> recordErrors) {
        super(message);
        this.recordErrors = List.copyOf(recordErrors);
    }

    @Override
    public List<RecordError> recordErrors() {
        return recordErrors;
    }
}
