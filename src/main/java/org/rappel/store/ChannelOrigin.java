package org.rappel.store;

/** Where the callback request came in: from the IVR during a call, or from the self-service web portal. */
public enum ChannelOrigin {
    PHONE,
    WEB
}
