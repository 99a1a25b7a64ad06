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
    final String context;
    final String exten;
    int priority = 1;
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
