package org.rappel.ami;

/**
 * A message the decoder could not understand, passed on as data so the connection can count it and go on: a
 * line without a colon, a message over the size limit, an event missing a field Rappel relies on.
 *
 * @param reason  what was wrong, for the log
 * @param headers whatever headers were read before or around the fault
 */
record MalformedAmiMessage(String reason, AmiHeaders headers) {
}
