package io.tributary.console.messages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.Record;

/**
 * A message as the console API shows it: key, value and header values in base64 (the page decodes them as text,
 * JSON or hex), the value cut at 64 KiB.
 */
final class MessageJson {

    static final int MAX_VALUE_BYTES = 64 * 1024;

    private MessageJson() {
    }

    static Map<String, Object> of(ConsumerRecord<byte[], byte[]> record) {
        return of(record.partition(), record.offset(), record.timestamp(), record.timestampType(),
                record.key() == null ? null : ByteBuffer.wrap(record.key()),
                record.value() == null ? null : ByteBuffer.wrap(record.value()), record.headers().toArray());
    }

    static Map<String, Object> of(int partition, TimestampType timestampType, Record record) {
        return of(partition, record.offset(), record.timestamp(), timestampType, record.key(), record.value(),
                record.headers());
    }

    private static Map<String, Object> of(int partition, long offset, long timestamp, TimestampType timestampType,
                                          ByteBuffer key, ByteBuffer value, Header[] headers) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("partition", partition);
        message.put("offset", offset);
        message.put("timestamp", timestamp);
        message.put("timestampType", timestampType.name);
        message.put("key", base64(key, Integer.MAX_VALUE));
        message.put("value", base64(value, MAX_VALUE_BYTES));
        message.put("keySize", key == null ? -1 : key.remaining());
        message.put("valueSize", value == null ? -1 : value.remaining());
        message.put("truncated", value != null && value.remaining() > MAX_VALUE_BYTES);
        List<Map<String, Object>> headerList = new ArrayList<>(headers.length);
        for (Header header : headers) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("key", header.key());
            h.put("value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
            headerList.add(h);
        }
        message.put("headers", headerList);
        return message;
    }

    private static String base64(ByteBuffer bytes, int max) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer view = bytes.duplicate();
        if (view.remaining() > max) {
            view.limit(view.position() + max);
        }
        return StandardCharsets.ISO_8859_1.decode(Base64.getEncoder().encode(view)).toString();
    }
}
