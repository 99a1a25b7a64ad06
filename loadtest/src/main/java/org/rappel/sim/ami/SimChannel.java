package org.rappel.sim.ami;

/**
 * One simulated Asterisk channel, with the fields every channel event repeats. Owned by the simulator's event
 * loop.
 */
final class SimChannel {
    final String name;
    final String uniqueid;
    final String linkedid;
    int state;
    String callerIdNum = "<unknown>";
    String callerIdName = "<unknown>";
    String connectedLineNum = "<unknown>";
    String connectedLineName = "<unknown>";
    /** Where the channel is in the dialplan; an originated channel moves to the Originate's target once answered. */
    String context;
    String exten;
    int priority = 1;
    /** The dial string it was made from ({@code PJSIP/+33612345678@trunk}); empty for a channel not dialled. */
    String dialString = "";
    /** What {@code CoreShowChannels} lists: the application the channel runs, and its bridge ("" when none). */
    String application = "";
    String applicationData = "";
    String bridgeId = "";
    final long createdNanos = System.nanoTime();

    SimChannel(String name, String uniqueid, String linkedid, int state, String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.state = state;
        this.context = context;
        this.exten = exten;
    }

    /**
     * The name Asterisk gives a channel dialled with this string, before the {@code ;1}/{@code ;2} of a Local
     * channel: {@code Local/0612345678@citizens-0000002a}, {@code PJSIP/agent101-0000002a}, and for
     * {@code PJSIP/+33612345678@trunk} the endpoint's name, {@code PJSIP/trunk-0000002a} (chan_pjsip names a
     * channel {@code PJSIP/<endpoint>-<sequence>}; the number only goes into the request URI).
     */
    static String nameFor(String dialString, String suffix) {
        int slash = dialString.indexOf('/');
        String tech = dialString.substring(0, slash);
        String resource = dialString.substring(slash + 1);
        int at = resource.indexOf('@');
        if (!tech.equals("Local") && at >= 0) {
            resource = resource.substring(at + 1);
        }
        return tech + "/" + resource + suffix;
    }

    static String stateDesc(int state) {
        return switch (state) {
            case 0 -> "Down";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            case 7 -> "Busy";
            default -> "Unknown";
        };
    }

    /** The channel block of an event, under a prefix ({@code Dest} in DialBegin/DialEnd, none elsewhere). */
    AmiWire appendTo(AmiWire w, String prefix) {
        return w.add(prefix + "Channel", name)
                .add(prefix + "ChannelState", state)
                .add(prefix + "ChannelStateDesc", stateDesc(state))
                .add(prefix + "CallerIDNum", callerIdNum)
                .add(prefix + "CallerIDName", callerIdName)
                .add(prefix + "ConnectedLineNum", connectedLineNum)
                .add(prefix + "ConnectedLineName", connectedLineName)
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", context)
                .add(prefix + "Exten", exten)
                .add(prefix + "Priority", priority)
                .add(prefix + "Uniqueid", uniqueid)
                .add(prefix + "Linkedid", linkedid);
    }
}
