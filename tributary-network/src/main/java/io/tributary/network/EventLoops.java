package io.tributary.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The acceptor and I/O event loops, on native epoll when available (sendfile, fewer copies) and NIO otherwise. */
final class EventLoops implements AutoCloseable {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final boolean nativeEpoll;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;

    EventLoops(int ioThreads) {
        this.nativeEpoll = Epoll.isAvailable();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tributary-acceptor"),
                ioHandlerFactory());
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("tributary-network"),
                ioHandlerFactory());
    }

    EventLoopGroup acceptor() {
        return acceptor;
    }

    EventLoopGroup io() {
        return io;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return nativeEpoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The outgoing connections' type, matching the event loops (relayed connections). */
    Class<? extends SocketChannel> socketChannelType() {
        return nativeEpoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    boolean isNativeEpoll() {
        return nativeEpoll;
    }

    @Override
    public void close() {
        acceptor.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        io.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly();
        io.terminationFuture().awaitUninterruptibly();
    }

    private IoHandlerFactory ioHandlerFactory() {
        return nativeEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }
}
