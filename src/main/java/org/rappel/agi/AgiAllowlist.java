package org.rappel.agi;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilter;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes at once every FastAGI connection whose remote address lies outside the allowed CIDR blocks (IPv4 or
 * IPv6), with a warning and {@code rappel_agi_connections_refused_total}. Only literal addresses are accepted
 * in the blocks, so building the list never resolves a name. Stateless after construction; shared by all
 * connections.
 */
@ChannelHandler.Sharable
final class AgiAllowlist extends IpSubnetFilter {
    private static final Logger log = LoggerFactory.getLogger(AgiAllowlist.class);

    private final AgiMetrics metrics;

    AgiAllowlist(List<IpSubnetFilterRule> rules, AgiMetrics metrics) {
        super(false, rules);
        this.metrics = metrics;
    }

    /** @throws IllegalArgumentException naming the first block that is not {@code <address>/<prefix>} */
    static List<IpSubnetFilterRule> rules(List<String> cidrBlocks) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String block : cidrBlocks) {
            rules.add(rule(block));
        }
        return rules;
    }

    private static IpSubnetFilterRule rule(String block) {
        String trimmed = block.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = slash < 0 ? null : NetUtil.createInetAddressFromIpAddressString(trimmed.substring(0, slash));
        int prefix = -1;
        if (address != null) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
        }
        int maxPrefix = address == null ? 0 : address.getAddress().length * 8;
        if (address == null || prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("allowedNetworks: '" + block
                    + "' is not a CIDR block such as 10.0.0.0/8 or fd00::/8");
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    @Override
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, InetSocketAddress remoteAddress) {
        log.warn("FastAGI connection from {} refused: not in allowedNetworks", remoteAddress.getAddress().getHostAddress());
        metrics.connectionRefused();
        return null; // The filter closes the channel.
    }
}
