package io.tributary.console.search;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A byte string found in raw bytes without decoding them (Boyer-Moore-Horspool): the substring search's hot loop.
 * Case-sensitive, byte for byte; a UTF-8 pattern matches the same text in UTF-8 data.
 */
public final class BytePattern {

    private final byte[] needle;
    private final int[] shift = new int[256];

    public BytePattern(byte[] needle) {
        if (needle.length == 0) {
            throw new IllegalArgumentException("An empty pattern matches everything");
        }
        this.needle = needle.clone();
        Arrays.fill(shift, needle.length);
        for (int i = 0; i < needle.length - 1; i++) {
            shift[needle[i] & 0xff] = needle.length - 1 - i;
        }
    }

    public int length() {
        return needle.length;
    }

    /** The first index in {@code [from, to)} of {@code haystack} where the pattern starts, or -1. */
    public int indexIn(byte[] haystack, int from, int to) {
        int last = needle.length - 1;
        byte lastByte = needle[last];
        int i = from;
        int end = to - needle.length;
        while (i <= end) {
            byte b = haystack[i + last];
            if (b == lastByte && startsAt(haystack, i, last)) {
                return i;
            }
            i += shift[b & 0xff];
        }
        return -1;
    }

    /** Whether the pattern occurs in the buffer's remaining bytes (position and limit unchanged). */
    public boolean foundIn(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            int from = bytes.arrayOffset() + bytes.position();
            return indexIn(bytes.array(), from, from + bytes.remaining()) >= 0;
        }
        return indexInDirect(bytes) >= 0;
    }

    private boolean startsAt(byte[] haystack, int at, int last) {
        for (int j = 0; j < last; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private int indexInDirect(ByteBuffer bytes) {
        int last = needle.length - 1;
        int i = bytes.position();
        int end = bytes.limit() - needle.length;
        while (i <= end) {
            byte b = bytes.get(i + last);
            if (b == needle[last] && directStartsAt(bytes, i, last)) {
                return i - bytes.position();
            }
            i += shift[b & 0xff];
        }
        return -1;
    }

    private boolean directStartsAt(ByteBuffer bytes, int at, int last) {
        for (int j = 0; j < last; j++) {
            if (bytes.get(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
