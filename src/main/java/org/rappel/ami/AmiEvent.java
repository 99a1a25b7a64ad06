package org.rappel.ami;

/**
 * An unsolicited message from Asterisk ({@code Event: Name}). The events Rappel acts on have their own record
 * with typed fields; every other event arrives as a {@link GenericEvent}. All headers stay available through
 * {@link #headers()}.
 */
public sealed interface AmiEvent extends AmiMessage
        permits FullyBootedEvent, ShutdownEvent, OriginateResponseEvent, NewchannelEvent, HangupEvent,
        DialBeginEvent, DialEndEvent, BridgeEnterEvent, BridgeLeaveEvent, DtmfEndEvent, CoreShowChannelEvent,
        GenericEvent {

    /** The {@code Event:} header, e.g. {@code Hangup}. */
    default String name() {
        return headers().require("Event");
    }
}
