package org.rappel.flow;

/** How a call left its IVR flow; {@link #tag()} is the {@code outcome} label of {@code rappel_flow_ended_total}. */
public enum FlowOutcome {
    /** The caller hung up while the flow still had them (menu, prompt, collect). */
    CALLER_HANGUP("caller_hangup"),
    /** A transfer node handed the call back to the dialplan at another context/extension/priority. */
    TRANSFERRED("transferred"),
    /** A hang-up node ended the call. */
    HUNG_UP("hung_up"),
    /** The caller hung up while holding in a service queue. */
    ENQUEUED_ABANDONED("enqueued_abandoned"),
    /** The caller left the queue connected to an agent. */
    ENQUEUED_CONNECTED("enqueued_connected"),
    /** The caller left the queue with a callback request. */
    ENQUEUED_CALLBACK("enqueued_callback"),
    /** Asterisk refused a command or the engine failed: the call left the flow early. */
    ERROR("error");

    private final String tag;

    FlowOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
