package io.tributary.console.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.Record;

/**
 * Decides whether a record matches a search: its key, value or (field {@code any}) key, value and header values.
 * Records read in place from the log and records a consumer fetched are judged the same way. A matcher keeps
 * scratch state: one per search, used by one thread.
 */
public abstract class RecordMatcher {

    private final SearchField field;

    RecordMatcher(SearchField field) {
        this.field = field;
    }

    /** A byte-for-byte, case-sensitive substring of the UTF-8 bytes of {@code text}: no decoding. */
    public static RecordMatcher substring(String text, SearchField field) {
        return new Substring(new BytePattern(text.getBytes(StandardCharsets.UTF_8)), field);
    }

    /** A Java regular expression found ({@code Matcher.find}) in the UTF-8 decoded bytes. */
    public static RecordMatcher regex(String expression, SearchField field) {
        try {
            return new Regex(Pattern.compile(expression), field);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid regular expression: " + e.getDescription());
        }
    }

    public final boolean matches(Record record) {
        return switch (field) {
            case KEY -> record.hasKey() && test(record.key());
            case VALUE -> record.hasValue() && test(record.value());
            case ANY -> (record.hasKey() && test(record.key())) || (record.hasValue() && test(record.value()))
                    || headersMatch(record.headers());
        };
    }

    public final boolean matches(ConsumerRecord<byte[], byte[]> record) {
        return switch (field) {
            case KEY -> test(record.key());
            case VALUE -> test(record.value());
            case ANY -> test(record.key()) || test(record.value()) || headersMatch(record.headers().toArray());
        };
    }

    /**
     * Whether an uncompressed batch whose bytes are {@code bytes[from, to)} may hold a match; false lets the
     * scanner skip its records without parsing them (a stored field is a run of the batch's bytes).
     */
    public boolean mayMatchBatch(byte[] bytes, int from, int to) {
        return true;
    }

    abstract boolean test(ByteBuffer bytes);

    private boolean test(byte[] bytes) {
        return bytes != null && test(ByteBuffer.wrap(bytes));
    }

    private boolean headersMatch(Header[] headers) {
        for (Header header : headers) {
            if (test(header.value())) {
                return true;
            }
        }
        return false;
    }

    private static final class Substring extends RecordMatcher {
        private final BytePattern pattern;

        Substring(BytePattern pattern, SearchField field) {
            super(field);
            this.pattern = pattern;
        }

        @Override
        boolean test(ByteBuffer bytes) {
            return pattern.foundIn(bytes);
        }

        @Override
        public boolean mayMatchBatch(byte[] bytes, int from, int to) {
            return pattern.indexIn(bytes, from, to) >= 0;
        }
    }

    /**
     * Decodes to a String (the JDK's UTF-8 decoding has an ASCII fast path, and a String's chars are what the regex
     * engine reads fastest) and resets one Matcher.
     */
    private static final class Regex extends RecordMatcher {
        private final Matcher matcher;

        Regex(Pattern pattern, SearchField field) {
            super(field);
            this.matcher = pattern.matcher("");
        }

        @Override
        boolean test(ByteBuffer bytes) {
            String text = bytes.hasArray()
                    ? new String(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(),
                            StandardCharsets.UTF_8)
                    : StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
            return matcher.reset(text).find();
        }
    }
}
