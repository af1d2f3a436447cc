package io.tributary.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First on a shared listener's connections (the controller listener, which carries both the Kafka protocol and
 * Raft): a Kafka request starts with its 4-byte big-endian size, whose first byte is 0 for any frame under 16 MiB;
 * Ratis' frames start with a varint length, never 0. A connection whose first byte is 0 goes on through the
 * Kafka pipeline; any other is relayed, bytes unchanged, to the local Raft server ({@code relayTarget}).
 */
final class ProtocolSniffer extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProtocolSniffer.class);

    private final Supplier<InetSocketAddress> relayTarget;
    private final Class<? extends SocketChannel> channelType;
    private Channel relay;
    private boolean relaying;
    /** What arrived before the relay connection was up: reads already under way when auto-read was turned off. */
    private final java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();

    ProtocolSniffer(Supplier<InetSocketAddress> relayTarget, Class<? extends SocketChannel> channelType) {
        this.relayTarget = relayTarget;
        this.channelType = channelType;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (relaying) {
            if (relay == null) {
                pending.add(msg); // still connecting (or closing: released below)
            } else {
                forward(ctx.channel(), relay, msg);
            }
            return;
        }
        ByteBuf first = (ByteBuf) msg;
        if (!first.isReadable()) {
            first.release();
            return;
        }
        if (first.getByte(first.readerIndex()) == 0) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        startRelay(ctx, first);
    }

    private void startRelay(ChannelHandlerContext ctx, ByteBuf first) {
        relaying = true;
        Channel inbound = ctx.channel();
        inbound.closeFuture().addListener(f -> {
            releasePending();
            if (relay != null) {
                relay.close();
            }
        });
        // The Kafka handlers stay (they count the connection open and closed) but never see a byte of it; the idle
        // timeout and the framing go: Raft keeps its connections open between heartbeats.
        ctx.pipeline().remove(IdleStateHandler.class);
        ctx.pipeline().remove(FrameDecoder.class);
        InetSocketAddress target = relayTarget.get();
        if (target == null) {
            first.release();
            inbound.close(); // the Raft server is not up yet: its peers retry
            return;
        }
        inbound.config().setAutoRead(false);
        pending.add(first);
        Bootstrap bootstrap = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, inbound.alloc())
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext relayCtx, Object reply) {
                        forward(relayCtx.channel(), inbound, reply);
                    }

                    @Override
                    public void channelWritabilityChanged(ChannelHandlerContext relayCtx) {
                        inbound.config().setAutoRead(relayCtx.channel().isWritable());
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext relayCtx) {
                        inbound.close();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext relayCtx, Throwable cause) {
                        log.debug("Raft relay to {} failed", target, cause);
                        relayCtx.close();
                    }
                });
        // Same event loop as the inbound channel: these callbacks never race with channelRead.
        bootstrap.connect(target).addListener((ChannelFutureListener) connected -> {
            if (!connected.isSuccess() || !inbound.isActive()) {
                releasePending();
                connected.channel().close();
                inbound.close();
                return;
            }
            relay = connected.channel();
            while (!pending.isEmpty()) {
                relay.write(pending.poll());
            }
            relay.flush();
            inbound.config().setAutoRead(true);
        });
    }

    private void releasePending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
        }
    }

    /** Writes {@code msg} to {@code to}; while {@code to} cannot take more, {@code from} stops reading. */
    private static void forward(Channel from, Channel to, Object msg) {
        if (to == null || !to.isActive()) {
            ReferenceCountUtil.release(msg);
            from.close();
            return;
        }
        to.writeAndFlush(msg);
        if (!to.isWritable()) {
            from.config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!relaying) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!relaying) {
            ctx.fireChannelWritabilityChanged();
        } else if (relay != null) {
            relay.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!relaying) {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (relaying) {
            log.debug("Relayed Raft connection {} failed", ctx.channel(), cause);
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
