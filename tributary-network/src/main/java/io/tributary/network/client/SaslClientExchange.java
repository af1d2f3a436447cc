package io.tributary.network.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.tributary.network.security.ClientSecurity;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslClient;

/**
 * Authenticates a node-to-node connection before any request goes out: once the connection (and its TLS handshake)
 * is up, SaslHandshake v1 then SaslAuthenticate v2 rounds with a SASL client (the JDK's PLAIN, kafka-clients' SCRAM)
 * using this broker's own credentials. Completes the channel's {@link #ready} promise when authenticated, fails it (and
 * closes) otherwise; removes itself from the pipeline afterwards.
 */
final class SaslClientExchange extends ChannelInboundHandlerAdapter {

    private static final short HANDSHAKE_VERSION = 1;
    private static final short AUTHENTICATE_VERSION = 2;

    private final ClientSecurity security;
    private final String clientId;
    private final String host;
    private static final AttributeKey<ChannelPromise> READY = AttributeKey.valueOf("tributary-connection-ready");
    /** When this connection should stop taking new requests: most of its SASL session lifetime is used up. */
    private static final AttributeKey<Long> RETIRE_AT_NANOS = AttributeKey.valueOf("tributary-session-retire-at");
    /** Of the session lifetime, the share after which new requests use a new connection. */
    private static final double RETIRE_AFTER = 0.8;

    private final boolean afterTls;
    private SaslClient client;
    private RequestHeader awaiting;
    private int correlationId = Integer.MIN_VALUE; // never collides with ResponseMatcher's ids, which start at 0

    SaslClientExchange(ClientSecurity security, String clientId, String host) {
        this.security = security;
        this.clientId = clientId;
        this.host = host;
        this.afterTls = security.usesTls();
    }

    /** The promise completed once the connection is secured: made by whoever asks first, the client or this. */
    static ChannelPromise ready(Channel channel) {
        Attribute<ChannelPromise> attribute = channel.attr(READY);
        ChannelPromise ready = attribute.get();
        if (ready == null) {
            ChannelPromise created = channel.newPromise();
            ChannelPromise earlier = attribute.setIfAbsent(created);
            ready = earlier != null ? earlier : created;
        }
        return ready;
    }

    /** Whether the connection's SASL session is nearly over (the broker set connections.max.reauth.ms). */
    static boolean sessionEnding(Channel channel) {
        Long retireAt = channel.hasAttr(RETIRE_AT_NANOS) ? channel.attr(RETIRE_AT_NANOS).get() : null;
        return retireAt != null && System.nanoTime() - retireAt > 0;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!afterTls) {
            start(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && afterTls) {
            if (handshake.isSuccess()) {
                start(ctx);
            } else {
                fail(ctx, handshake.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private void start(ChannelHandlerContext ctx) {
        if (!security.usesSasl()) {
            succeed(ctx);
            return;
        }
        send(ctx, new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData()
                .setMechanism(security.mechanism())).build(HANDSHAKE_VERSION));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
            frame.getBytes(frame.readerIndex(), copy);
            copy.flip();
            AbstractResponse response = AbstractResponse.parseResponse(copy, awaiting);
            if (response instanceof SaslHandshakeResponse handshake) {
                onHandshake(ctx, handshake);
            } else if (response instanceof SaslAuthenticateResponse authenticate) {
                onAuthenticate(ctx, authenticate);
            }
        } catch (SaslException | RuntimeException e) {
            fail(ctx, e);
        } finally {
            frame.release();
        }
    }

    private void onHandshake(ChannelHandlerContext ctx, SaslHandshakeResponse response) throws SaslException {
        Errors error = Errors.forCode(response.data().errorCode());
        if (error != Errors.NONE) {
            throw new SaslAuthenticationException("SASL handshake for " + security.mechanism() + " failed: " + error
                    + ", the peer enables " + response.data().mechanisms());
        }
        client = newClient();
        byte[] first = client.hasInitialResponse() ? client.evaluateChallenge(new byte[0]) : new byte[0];
        sendToken(ctx, first);
    }

    private void onAuthenticate(ChannelHandlerContext ctx, SaslAuthenticateResponse response) throws SaslException {
        Errors error = Errors.forCode(response.data().errorCode());
        if (error != Errors.NONE) {
            throw new SaslAuthenticationException("Inter-broker SASL authentication failed: "
                    + response.data().errorMessage());
        }
        if (client.isComplete()) {
            sessionEnds(ctx, response.data().sessionLifetimeMs());
            succeed(ctx);
            return;
        }
        byte[] next = client.evaluateChallenge(response.data().authBytes());
        if (client.isComplete() && (next == null || next.length == 0)) {
            sessionEnds(ctx, response.data().sessionLifetimeMs());
            succeed(ctx);
        } else {
            sendToken(ctx, next == null ? new byte[0] : next);
        }
    }

    /** A session that ends is retired early and closed when it ends, so the peer never has to close it. */
    private static void sessionEnds(ChannelHandlerContext ctx, long lifetimeMs) {
        if (lifetimeMs <= 0) {
            return;
        }
        ctx.channel().attr(RETIRE_AT_NANOS).set(System.nanoTime() + (long) (lifetimeMs * RETIRE_AFTER * 1_000_000L));
        ctx.channel().eventLoop().schedule(() -> {
            ctx.channel().close();
        }, lifetimeMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private SaslClient newClient() throws SaslException {
        var callbacks = (javax.security.auth.callback.CallbackHandler) this::answer;
        if (ScramMechanism.isScram(security.mechanism())) {
            try {
                return new ScramSaslClient(ScramMechanism.forMechanismName(security.mechanism()), callbacks);
            } catch (NoSuchAlgorithmException e) {
                throw new SaslException("No hash algorithm for " + security.mechanism(), e);
            }
        }
        SaslClient created = Sasl.createSaslClient(new String[] {security.mechanism()}, null, "kafka", host, null,
                callbacks);
        if (created == null) {
            throw new SaslException("No SASL client for mechanism " + security.mechanism());
        }
        return created;
    }

    private void answer(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(security.username());
            } else if (callback instanceof PasswordCallback password) {
                password.setPassword(security.password().toCharArray());
            } else if (!(callback instanceof ScramExtensionsCallback)) {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private void sendToken(ChannelHandlerContext ctx, byte[] token) {
        send(ctx, new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData().setAuthBytes(token))
                .build(AUTHENTICATE_VERSION));
    }

    private void send(ChannelHandlerContext ctx, AbstractRequest request) {
        awaiting = new RequestHeader(request.apiKey(), request.version(), clientId, correlationId++);
        ByteBuffer message = request.serializeWithHeader(awaiting);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Unpooled.copyInt(message.remaining()), Unpooled.wrappedBuffer(message)))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private void succeed(ChannelHandlerContext ctx) {
        dispose();
        ctx.pipeline().remove(this);
        ready(ctx.channel()).trySuccess();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        dispose();
        ready(ctx.channel()).tryFailure(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dispose();
        ready(ctx.channel()).tryFailure(new SaslAuthenticationException("Connection closed during authentication"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void dispose() {
        if (client != null) {
            try {
                client.dispose();
            } catch (SaslException ignored) {
                // nothing held
            }
            client = null;
        }
    }
}
