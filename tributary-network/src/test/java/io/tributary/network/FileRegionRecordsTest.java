package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegionRecordsTest {

    @TempDir
    Path tempDir;

    @Test
    void kafkaSendTransfersTheSliceOfTheFile() throws IOException {
        // given
        Path file = tempDir.resolve("segment.log");
        Files.writeString(file, "0123456789");
        ByteArrayOutputStream written = new ByteArrayOutputStream();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Send send = new FileRegionRecords(channel, 3, 4).toSend();

            // when
            while (!send.completed()) {
                send.writeTo(new StreamTransferableChannel(Channels.newChannel(written)));
            }

            // then
            assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("3456");
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void rejectsNegativeBounds() throws IOException {
        // given
        Path file = Files.createFile(tempDir.resolve("empty.log"));

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // when / then
            assertThatThrownBy(() -> new FileRegionRecords(channel, -1, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FileRegionRecords(channel, 0, -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Adapts a plain channel to Kafka's transport interface, copying at most two bytes per call. */
    private record StreamTransferableChannel(WritableByteChannel target) implements TransferableChannel {

        @Override
        public boolean hasPendingWrites() {
            return false;
        }

        @Override
        public long transferFrom(FileChannel source, long position, long count) throws IOException {
            return source.transferTo(position, Math.min(count, 2), target);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += target.write(sources[i]);
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return target.write(source);
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
