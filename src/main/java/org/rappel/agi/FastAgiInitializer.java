package org.rappel.agi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;

/**
 * Builds the pipeline of each accepted FastAGI connection: allowlist, decoder, encoder, handler. Registers
 * the connection in the server's group so that shutdown can drain and close it. Shared; called on the new
 * connection's event loop.
 */
final class FastAgiInitializer extends ChannelInitializer<Channel> {
    private final AgiServerSettings settings;
    private final AgiScriptMapping scripts;
    private final AgiMetrics metrics;
    private final AgiAllowlist allowlist;
    private final ChannelGroup connections;

    FastAgiInitializer(AgiServerSettings settings, AgiScriptMapping scripts, AgiMetrics metrics,
            AgiAllowlist allowlist, ChannelGroup connections) {
        this.settings = settings;
        this.scripts = scripts;
        this.metrics = metrics;
        this.allowlist = allowlist;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.add(channel);
        channel.pipeline()
                .addLast("allowlist", allowlist)
                .addLast("decoder", new AgiDecoder(settings.maxLineLength(), settings.maxEnvironmentLines()))
                .addLast("encoder", AgiCommandEncoder.INSTANCE)
                .addLast("handler", new FastAgiHandler(scripts, settings, metrics));
    }
}
