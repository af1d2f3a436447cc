package io.tributary.bench.protocol;

import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.BaseRecords;

/**
 * Writes a message into a buffer but only counts record sets, as the network module's response writer does (it
 * hands them to the socket as file regions or wrapped buffers instead of copying them).
 */
final class ZeroCopyAccessor extends ByteBufferAccessor {

    private long recordBytesSkipped;

    ZeroCopyAccessor(ByteBuffer buffer) {
        super(buffer);
    }

    @Override
    public void writeRecords(BaseRecords records) {
        recordBytesSkipped += records.sizeInBytes();
    }

    long recordBytesSkipped() {
        return recordBytesSkipped;
    }
}
