package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ByteBufWritableTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void encodesEveryPrimitiveExactlyLikeKafka() {
        // given
        ByteBuffer expected = ByteBuffer.allocate(256);
        ByteBufWritable writable = new ByteBufWritable(Unpooled.buffer(256), channel);

        // when
        writeSamples(new ByteBufferAccessor(expected));
        writeSamples(writable);
        writable.finish();
        channel.flush();

        // then
        expected.flip();
        byte[] expectedBytes = new byte[expected.remaining()];
        expected.get(expectedBytes);
        assertThat(KafkaWire.drainOutbound(channel)).isEqualTo(expectedBytes);
    }

    @Test
    void writingAByteBufferLeavesItsPositionAlone() {
        // given
        ByteBuffer source = ByteBuffer.wrap(new byte[] {1, 2, 3});
        ByteBufWritable writable = new ByteBufWritable(Unpooled.buffer(3), channel);

        // when
        writable.writeByteBuffer(source);
        writable.finish();
        channel.flush();

        // then
        assertThat(source.position()).isZero();
        assertThat(KafkaWire.drainOutbound(channel)).containsExactly(1, 2, 3);
    }

    @Test
    void theLastWritesPromiseCompletesOnceARecordSetEndingTheMessageWasSent() {
        // given: a message whose last bytes are a record set (held back to carry the promise)
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));
        ByteBufWritable writable = new ByteBufWritable(Unpooled.buffer(16), channel);
        writable.writeInt(42);
        writable.writeRecords(records);
        ChannelPromise sent = channel.newPromise();

        // when
        writable.finish(sent);
        boolean doneBeforeFlush = sent.isDone();
        channel.flush();

        // then
        assertThat(doneBeforeFlush).isFalse();
        assertThat(sent.isSuccess()).isTrue();
        ByteBuffer expected = ByteBuffer.allocate(4 + records.sizeInBytes()).putInt(42).put(records.buffer());
        assertThat(KafkaWire.drainOutbound(channel)).isEqualTo(expected.array());
    }

    @Test
    void theLastWritesPromiseGoesWithTheBytesAfterTheLastRecordSet() {
        // given
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("w".getBytes()));
        ByteBufWritable writable = new ByteBufWritable(Unpooled.buffer(16), channel);
        writable.writeInt(1);
        writable.writeRecords(records);
        writable.writeRecords(records);
        writable.writeShort((short) 7);
        ChannelPromise sent = channel.newPromise();

        // when
        writable.finish(sent);
        channel.flush();

        // then: every piece in order, and the promise done
        assertThat(sent.isSuccess()).isTrue();
        ByteBuffer expected = ByteBuffer.allocate(4 + 2 * records.sizeInBytes() + 2).putInt(1)
                .put(records.buffer()).put(records.buffer()).putShort((short) 7);
        assertThat(KafkaWire.drainOutbound(channel)).isEqualTo(expected.array());
    }

    @Test
    void abortReleasesTheBuffer() {
        // given
        ByteBuf buffer = Unpooled.buffer(8);
        ByteBufWritable writable = new ByteBufWritable(buffer, channel);
        writable.writeInt(7);

        // when
        writable.abort();

        // then
        assertThat(buffer.refCnt()).isZero();
    }

    private static void writeSamples(Writable out) {
        out.writeByte((byte) -3);
        out.writeShort((short) 0x1234);
        out.writeInt(-123456);
        out.writeLong(Long.MIN_VALUE + 17);
        out.writeDouble(Math.PI);
        out.writeByteArray(new byte[] {9, 8, 7});
        for (int value : new int[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            out.writeUnsignedVarint(value);
            out.writeVarint(value);
        }
        for (long value : new long[] {0L, -1L, 300L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            out.writeVarlong(value);
        }
    }
}
