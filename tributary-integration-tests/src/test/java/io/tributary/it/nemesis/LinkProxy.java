package io.tributary.it.nemesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of one port of one node, so a test can cut or slow every link into that
 * node: {@link #set(LinkMode)} takes effect at once on open connections and new ones. Each direction of each
 * connection has a reader (which drops what a dropping mode says to drop) and a writer (which holds each chunk until
 * its delay is over, keeping the order). A connection that lost bytes is closed when the link heals, as a real
 * connection would time out and be re-established, so neither end ever reads a stream with a hole in it.
 */
public final class LinkProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int CHUNKS_IN_FLIGHT = 256;

    private final String name;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread acceptor;
    private volatile LinkMode mode = LinkMode.PASS;
    private volatile boolean open = true;

    public LinkProxy(String name, int targetPort) throws IOException {
        this.name = name;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = daemon("proxy-" + name + "-accept", this::acceptUntilClosed);
        acceptor.start();
    }

    /** The loopback port clients and other nodes connect to. */
    public int port() {
        return server.getLocalPort();
    }

    public LinkMode mode() {
        return mode;
    }

    /** Switches mode for every open and future connection; healing closes the connections that lost bytes. */
    public void set(LinkMode newMode) {
        mode = newMode;
        if (!newMode.drops()) {
            links.stream().filter(Link::lostBytes).forEach(Link::close);
        }
    }

    /** Bytes discarded so far by dropping modes. */
    public long droppedBytes() {
        return dropped.get();
    }

    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::close);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "proxy " + name + " :" + port() + " -> :" + targetPort + " " + mode;
    }

    private void acceptUntilClosed() {
        while (open) {
            Socket from;
            try {
                from = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket to = new Socket();
            Link link = new Link(from, to);
            try {
                to.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), CONNECT_TIMEOUT_MS);
                from.setTcpNoDelay(true);
                to.setTcpNoDelay(true);
                links.add(link);
                if (!open) {
                    link.close();
                    return;
                }
                link.start();
            } catch (IOException e) {
                link.close(); // the node is down: the caller sees its connection accepted, then closed at once
            }
        }
    }

    private static Thread daemon(String threadName, Runnable task) {
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** One proxied connection: four threads, a reader and a writer per direction. */
    private final class Link {

        private record Chunk(byte[] bytes, long dueNanos) {
        }

        private final Socket from;
        private final Socket to;
        private volatile boolean lostBytes;
        private volatile boolean closed;

        Link(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }

        boolean lostBytes() {
            return lostBytes;
        }

        void start() throws IOException {
            direction(from.getInputStream(), to.getOutputStream(), true, "to-node");
            direction(to.getInputStream(), from.getOutputStream(), false, "from-node");
        }

        private void direction(InputStream in, OutputStream out, boolean toNode, String label) {
            BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
            String prefix = "proxy-" + name + "-" + from.getPort() + "-" + label;
            daemon(prefix + "-read", () -> read(in, queue, toNode)).start();
            daemon(prefix + "-write", () -> write(queue, out)).start();
        }

        private void read(InputStream in, BlockingQueue<Chunk> queue, boolean toNode) {
            byte[] buffer = new byte[64 * 1024];
            try {
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    LinkMode current = mode;
                    if (current.drops(toNode)) {
                        lostBytes = true;
                        dropped.addAndGet(count);
                        continue;
                    }
                    queue.put(new Chunk(Arrays.copyOf(buffer, count), System.nanoTime() + current.delay().toNanos()));
                }
            } catch (IOException | InterruptedException e) {
                // closed by the other side, by healing or by close()
            } finally {
                close();
            }
        }

        private void write(BlockingQueue<Chunk> queue, OutputStream out) {
            try {
                while (!closed) {
                    Chunk chunk = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the link's delay: time is what is being injected here
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed
            } finally {
                close();
            }
        }

        void close() {
            closed = true;
            links.remove(this);
            closeQuietly(from);
            closeQuietly(to);
        }
    }
}
