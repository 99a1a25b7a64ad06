package org.rappel.e2e.crash;

import java.util.Optional;

/**
 * A callback the citizen was told is confirmed: the server sent {@code rappel/callback-confirmed} on the call, or
 * the portal got {@code 201 Created}. From then on it must never be lost.
 *
 * @param number     the E.164 number to call back
 * @param service    the service asked for
 * @param callbackId the id the server gave (the API's answer); empty on the phone, where the caller hears no id
 * @param door       {@code phone} or {@code web}
 * @param run        which run of the server made the promise (1 = the first)
 */
record Promise(String number, String service, Optional<String> callbackId, String door, int run) {
}
