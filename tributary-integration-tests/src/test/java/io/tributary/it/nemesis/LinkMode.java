package io.tributary.it.nemesis;

import java.time.Duration;

/**
 * What a {@link LinkProxy} does to the bytes it forwards. "To node" is the direction from whoever connected (a
 * client or another node) to the node behind the proxy; "from node" is the node's answers. A dropped direction
 * discards every byte read in it, which stalls it as a lost link would; delay holds every byte that long.
 */
public record LinkMode(boolean dropsToNode, boolean dropsFromNode, Duration delay) {

    public static final LinkMode PASS = new LinkMode(false, false, Duration.ZERO);

    public static LinkMode dropBoth() {
        return new LinkMode(true, true, Duration.ZERO);
    }

    public static LinkMode dropToNode() {
        return new LinkMode(true, false, Duration.ZERO);
    }

    public static LinkMode dropFromNode() {
        return new LinkMode(false, true, Duration.ZERO);
    }

    public static LinkMode delayed(Duration delay) {
        return new LinkMode(false, false, delay);
    }

    boolean drops() {
        return dropsToNode || dropsFromNode;
    }

    boolean drops(boolean toNode) {
        return toNode ? dropsToNode : dropsFromNode;
    }
}
