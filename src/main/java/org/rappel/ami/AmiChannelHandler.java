package org.rappel.ami;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin Netty handler: hands what the decoder made to the connection that owns the channel. */
final class AmiChannelHandler extends SimpleChannelInboundHandler<Object> {
    private static final Logger log = LoggerFactory.getLogger(AmiChannelHandler.class);

    /** The connection side of one channel; every call comes on the channel's event loop. */
    interface Inbound {
        void banner(AmiBanner banner);

        void message(AmiMessage message);

        void malformed(MalformedAmiMessage message);

        void closed();
    }

    private final Inbound inbound;

    AmiChannelHandler(Inbound inbound) {
        this.inbound = inbound;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AmiMessage m) {
            inbound.message(m);
        } else if (msg instanceof MalformedAmiMessage m) {
            inbound.malformed(m);
        } else if (msg instanceof AmiBanner b) {
            inbound.banner(b);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inbound.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("AMI connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
