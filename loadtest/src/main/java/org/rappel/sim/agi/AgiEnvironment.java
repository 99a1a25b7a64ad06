package org.rappel.sim.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code agi_*} lines Asterisk 22 sends on a new FastAGI connection, in its order (launch_netscript's
 * two lines, then setup_env's), values verbatim: {@code unknown} for an unknown caller id, DNID or RDNIS, an
 * empty account code, {@code agi_type} the channel's technology ({@code Local}, {@code PJSIP}), the AGI()
 * arguments as {@code agi_arg_N} after {@code agi_threadid}, and an empty line.
 */
final class AgiEnvironment {

    private AgiEnvironment() {
    }

    static List<String> lines(CallerScript script, String host, int port, String channelName, String uniqueId,
                              long threadId, String version) {
        List<String> lines = new ArrayList<>(24 + script.arguments().size());
        lines.add("agi_network: yes");
        lines.add("agi_network_script: " + script.script());
        lines.add("agi_request: agi://" + host + ":" + port + "/" + script.script());
        lines.add("agi_channel: " + channelName);
        lines.add("agi_language: " + script.language());
        lines.add("agi_type: " + channelName.substring(0, Math.max(0, channelName.indexOf('/'))));
        lines.add("agi_uniqueid: " + uniqueId);
        lines.add("agi_version: " + version);
        lines.add("agi_callerid: " + script.callerId().orElse("unknown"));
        lines.add("agi_calleridname: " + script.callerIdName().orElse("unknown"));
        lines.add("agi_callingpres: 0");
        lines.add("agi_callingani2: 0");
        lines.add("agi_callington: 0");
        lines.add("agi_callingtns: 0");
        lines.add("agi_dnid: " + script.dnid().orElse("unknown"));
        lines.add("agi_rdnis: unknown");
        lines.add("agi_context: " + script.context());
        lines.add("agi_extension: " + script.extension());
        lines.add("agi_priority: " + script.priority());
        lines.add("agi_enhanced: 0.0");
        lines.add("agi_accountcode: " + script.accountCode());
        lines.add("agi_threadid: " + threadId);
        for (int i = 0; i < script.arguments().size(); i++) {
            lines.add("agi_arg_" + (i + 1) + ": " + script.arguments().get(i));
        }
        lines.add("");
        return lines;
    }
}
