package org.rappel.ami;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes an action as Asterisk expects it: {@code Action:} first, the fields, {@code ActionID:} last, each line
 * ended by {@code \r\n}, then an empty line (the byte order of the captures). Stateless, hence sharable.
 */
@ChannelHandler.Sharable
final class AmiActionEncoder extends MessageToByteEncoder<AmiRequest> {

    AmiActionEncoder() {
        super(AmiRequest.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AmiRequest request, ByteBuf out) {
        line(out, "Action", request.action().name());
        for (AmiHeader h : request.action().fields()) {
            line(out, h.name(), h.value());
        }
        line(out, "ActionID", request.actionId());
        out.writeByte('\r').writeByte('\n');
    }

    private static void line(ByteBuf out, String name, String value) {
        ByteBufUtil.writeUtf8(out, name);
        out.writeByte(':').writeByte(' ');
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte('\r').writeByte('\n');
    }
}
