package io.tributary.broker.produce;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedCompressionTypeException;

/** Which produce failures refuse the records themselves: their bytes count in {@code BytesRejectedPerSec}. */
final class RejectedRecords {

    private RejectedRecords() {
    }

    static boolean isRejection(Throwable e) {
        return e instanceof CorruptRecordException || e instanceof InvalidRecordException
                || e instanceof InvalidTimestampException || e instanceof RecordBatchTooLargeException
                || e instanceof RecordTooLargeException || e instanceof UnsupportedCompressionTypeException;
    }
}
