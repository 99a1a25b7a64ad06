package org.rappel.ami;

/** Told when the link to Asterisk comes up, goes down or comes back; called on the connection's event loop. */
@FunctionalInterface
public interface AmiLinkListener {
    void onLinkChange(AmiLinkChange change);
}
