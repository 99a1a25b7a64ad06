package org.rappel.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes an {@link AgiCommand} as its {@link AgiCommand#toLine() line} and a bare {@code \n}. Stateless, shared. */
@ChannelHandler.Sharable
final class AgiCommandEncoder extends MessageToByteEncoder<AgiCommand> {
    static final AgiCommandEncoder INSTANCE = new AgiCommandEncoder();

    private AgiCommandEncoder() {
        super(AgiCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AgiCommand command, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, command.toLine());
        out.writeByte('\n');
    }
}
