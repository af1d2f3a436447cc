package io.tributary.console.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BytePatternTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsThePatternAtTheStartInTheMiddleAndAtTheEnd() {
        BytePattern pattern = new BytePattern(utf8("needle"));
        byte[] hay = utf8("needle in a haystack with a needle at the needle");
        assertThat(pattern.indexIn(hay, 0, hay.length)).isZero();
        assertThat(pattern.indexIn(hay, 1, hay.length)).isEqualTo(28);
        assertThat(pattern.indexIn(hay, 29, hay.length)).isEqualTo(hay.length - 6);
        assertThat(pattern.indexIn(hay, 0, hay.length - 1)).isZero();
        assertThat(pattern.indexIn(hay, 29, hay.length - 1)).isEqualTo(-1);
    }

    @Test
    void isCaseSensitiveAndMatchesMultiByteUtf8() {
        assertThat(new BytePattern(utf8("Needle")).foundIn(ByteBuffer.wrap(utf8("a needle")))).isFalse();
        assertThat(new BytePattern(utf8("grüße")).foundIn(ByteBuffer.wrap(utf8("viele grüße aus köln")))).isTrue();
        assertThat(new BytePattern(utf8("a")).foundIn(ByteBuffer.wrap(new byte[0]))).isFalse();
        assertThatThrownBy(() -> new BytePattern(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void respectsTheBufferWindowOfHeapSlicesAndDirectBuffers() {
        byte[] bytes = utf8("xxabcxx--abc--");
        ByteBuffer window = ByteBuffer.wrap(bytes, 5, 4).slice(); // "xx--"
        BytePattern abc = new BytePattern(utf8("abc"));
        assertThat(abc.foundIn(window)).isFalse();
        assertThat(abc.foundIn(ByteBuffer.wrap(bytes, 6, 7).slice())).isTrue();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        direct.position(5).limit(9);
        assertThat(abc.foundIn(direct)).isFalse();
        direct.limit(bytes.length);
        assertThat(abc.foundIn(direct)).isTrue();
        assertThat(direct.position()).isEqualTo(5);
    }

    @Test
    void agreesWithANaiveSearchOnRandomInput() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 2000; round++) {
            byte[] hay = new byte[random.nextInt(0, 200)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = (byte) ('a' + random.nextInt(3));
            }
            byte[] needle = new byte[random.nextInt(1, 6)];
            for (int i = 0; i < needle.length; i++) {
                needle[i] = (byte) ('a' + random.nextInt(3));
            }
            assertThat(new BytePattern(needle).indexIn(hay, 0, hay.length)).isEqualTo(naive(hay, needle));
        }
    }

    private static int naive(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
