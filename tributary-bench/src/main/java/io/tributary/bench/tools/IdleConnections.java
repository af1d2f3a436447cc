package io.tributary.bench.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Many idle client connections held by one thread with NIO, so that thousands cost the client side little: each
 * connects, asks ApiVersions (v3) and Metadata (v12, for the topic), as a Kafka client does before its first real
 * request, and then sends nothing. At most {@code concurrency} connections are being set up at a time. Once all are
 * up the thread watches them; a connection the broker closes (or writes to unasked) is counted, and at the end
 * every connection still thought open is read from once to make sure it is.
 *
 * <p>PLAINTEXT only: a TLS or SASL handshake per connection is not written here.
 */
final class IdleConnections implements AutoCloseable {

    private static final short API_VERSIONS_VERSION = 3;
    private static final short METADATA_VERSION = 12;
    private static final String CLIENT_ID = "bench-idle";
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    /** What became of the idle connections: how many stayed open, and the first close seen (or null). */
    record Outcome(int total, int open, int closed, String firstClose) {
    }

    private enum Stage { CONNECTING, API_VERSIONS, METADATA, IDLE, CLOSED }

    private static final class Connection {
        final int index;
        final SocketChannel channel;
        Stage stage = Stage.CONNECTING;
        ByteBuffer out;
        final ByteBuffer size = ByteBuffer.allocate(Integer.BYTES);
        ByteBuffer body;

        Connection(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }
    }

    private final InetSocketAddress address;
    private final int count;
    private final int concurrency;
    private final long timeoutNanos;
    private final RequestHeader apiVersionsHeader;
    private final RequestHeader metadataHeader;
    private final ByteBuffer apiVersionsFrame;
    private final ByteBuffer metadataFrame;
    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final CompletableFuture<Long> opened = new CompletableFuture<>();
    private final CompletableFuture<Outcome> checked = new CompletableFuture<>();
    private final Thread thread;
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private volatile boolean stopping;
    private long startedAtNanos;
    private int closed;
    private String firstClose;

    IdleConnections(InetSocketAddress address, String topic, int count, int concurrency, long timeoutNanos)
            throws IOException {
        this.address = address;
        this.count = count;
        this.concurrency = concurrency;
        this.timeoutNanos = timeoutNanos;
        this.apiVersionsHeader = new RequestHeader(ApiKeys.API_VERSIONS, API_VERSIONS_VERSION, CLIENT_ID, 1);
        this.metadataHeader = new RequestHeader(ApiKeys.METADATA, METADATA_VERSION, CLIENT_ID, 2);
        this.apiVersionsFrame = frame(new ApiVersionsRequest.Builder().build(API_VERSIONS_VERSION), apiVersionsHeader);
        this.metadataFrame = frame(new MetadataRequest.Builder(List.of(topic), false).build(METADATA_VERSION),
                metadataHeader);
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "idle-connections");
        this.thread.setDaemon(true);
    }

    static ByteBuffer frame(AbstractRequest request, RequestHeader header) {
        ByteBuffer body = request.serializeWithHeader(header);
        return ByteBuffer.allocate(Integer.BYTES + body.remaining()).putInt(body.remaining()).put(body).flip();
    }

    /** Starts opening the connections on the thread of their own. */
    void start() {
        thread.start();
    }

    /** Waits until every connection is up; returns how long that took, in nanoseconds. */
    long awaitOpen() throws IOException, InterruptedException {
        try {
            return opened.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Stops watching, reads once from every connection still thought open and says how many are. */
    Outcome stopAndCheck() throws InterruptedException {
        stopping = true;
        selector.wakeup();
        try {
            return checked.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The idle connections could not be checked", e);
        }
    }

    private void run() {
        try {
            openAll();
        } catch (IOException | RuntimeException e) {
            opened.completeExceptionally(e);
            checked.completeExceptionally(e);
            return;
        }
        try {
            watch();
            checked.complete(finalCheck());
        } catch (IOException | RuntimeException e) {
            checked.completeExceptionally(e);
        }
    }

    private void openAll() throws IOException {
        long start = System.nanoTime();
        startedAtNanos = start;
        long deadline = start + timeoutNanos;
        int started = 0;
        int ready = 0;
        int inProgress = 0;
        while (ready < count) {
            while (started < count && inProgress < concurrency) {
                connect(started++);
                inProgress++;
            }
            if (System.nanoTime() > deadline)
                throw new IOException(ready + " of " + count + " idle connections were up after "
                        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            selector.select(100);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection connection = (Connection) key.attachment();
                if (connection.stage == Stage.IDLE || connection.stage == Stage.CLOSED) {
                    probe(connection, key); // already up: the broker closed it (or wrote to it unasked)
                    continue;
                }
                try {
                    step(connection, key);
                } catch (IOException | RuntimeException e) {
                    throw new IOException("Idle connection " + connection.index + " (of " + count + ", " + ready
                            + " up) failed while " + connection.stage + ": " + e, e);
                }
                if (connection.stage == Stage.IDLE) {
                    ready++;
                    inProgress--;
                }
            }
        }
        opened.complete(System.nanoTime() - start);
    }

    private void connect(int index) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(index, channel);
        connections.add(connection);
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        if (channel.connect(address)) connected(connection, key);
    }

    private void step(Connection connection, SelectionKey key) throws IOException {
        if (key.isConnectable() && connection.channel.finishConnect()) {
            connected(connection, key);
            return;
        }
        if (key.isWritable()) writeSome(connection, key);
        if (key.isReadable()) readSome(connection, key);
    }

    private void connected(Connection connection, SelectionKey key) throws IOException {
        connection.stage = Stage.API_VERSIONS;
        send(connection, key, apiVersionsFrame);
    }

    private void send(Connection connection, SelectionKey key, ByteBuffer frame) throws IOException {
        connection.out = frame.duplicate();
        connection.size.clear();
        connection.body = null;
        writeSome(connection, key);
    }

    private void writeSome(Connection connection, SelectionKey key) throws IOException {
        connection.channel.write(connection.out);
        key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void readSome(Connection connection, SelectionKey key) throws IOException {
        if (connection.body == null) {
            if (connection.channel.read(connection.size) < 0) throw new IOException("closed by the broker");
            if (connection.size.hasRemaining()) return;
            int size = connection.size.flip().getInt();
            if (size < 0 || size > MAX_RESPONSE_BYTES) throw new IOException("response size " + size);
            connection.body = ByteBuffer.allocate(size);
        }
        if (connection.channel.read(connection.body) < 0) throw new IOException("closed by the broker");
        if (connection.body.hasRemaining()) return;
        ByteBuffer response = connection.body.flip();
        if (connection.stage == Stage.API_VERSIONS) {
            AbstractResponse parsed = AbstractResponse.parseResponse(response, apiVersionsHeader);
            Errors error = Errors.forCode(((ApiVersionsResponse) parsed).data().errorCode());
            if (error != Errors.NONE) throw new IOException("ApiVersions answered " + error);
            connection.stage = Stage.METADATA;
            send(connection, key, metadataFrame);
        } else if (connection.stage == Stage.METADATA) {
            AbstractResponse parsed = AbstractResponse.parseResponse(response, metadataHeader);
            if (!MetadataResponses.hasBrokers(parsed)) throw new IOException("Metadata answered without brokers");
            connection.stage = Stage.IDLE;
            connection.body = null;
            key.interestOps(SelectionKey.OP_READ); // nothing is asked: readable means closed (or unasked bytes)
        }
    }

    private void watch() throws IOException {
        while (!stopping) {
            selector.select(1000);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                probe((Connection) key.attachment(), key);
            }
        }
    }

    /** A read from an idle connection: nothing (open), end of stream or an error (closed), or unasked-for bytes. */
    private void probe(Connection connection, SelectionKey key) {
        if (connection.stage != Stage.IDLE) return;
        String problem;
        try {
            int read = connection.channel.read(scratch.clear());
            if (read == 0) return;
            problem = read < 0 ? "closed by the broker" : "the broker sent " + read + " bytes nobody asked for";
        } catch (IOException e) {
            problem = "closed: " + e.getMessage();
        }
        connection.stage = Stage.CLOSED;
        key.cancel();
        closeQuietly(connection.channel);
        if (closed++ == 0) {
            firstClose = String.format(java.util.Locale.ROOT, "idle connection %d %s %.1f s after the first connect",
                    connection.index, problem, (System.nanoTime() - startedAtNanos) / 1e9);
        }
    }

    private Outcome finalCheck() throws IOException {
        selector.selectNow();
        selector.selectedKeys().clear();
        for (Connection connection : connections) {
            probe(connection, connection.channel.keyFor(selector));
        }
        return new Outcome(count, count - closed, closed, firstClose);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        selector.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        for (Connection connection : connections) closeQuietly(connection.channel);
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }
}
