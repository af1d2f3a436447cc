package io.tributary.it.nemesis;

/**
 * The proxies in front of one node: its client / inter-broker listener and its Raft port. Every connection into the
 * node (from clients, from the other brokers' fetchers, from the other Raft voters) passes one of them, so setting
 * both cuts or slows the node's incoming links; its outgoing links pass the other nodes' proxies.
 */
public record NodeLinks(int nodeId, LinkProxy client, LinkProxy raft) implements AutoCloseable {

    public void set(LinkMode mode) {
        client.set(mode);
        raft.set(mode);
    }

    public LinkMode mode() {
        return client.mode();
    }

    @Override
    public void close() {
        client.close();
        raft.close();
    }
}
