package org.rappel.ami;

/** An action on its way out, with the ActionID the connection gave it. */
record AmiRequest(String actionId, AmiAction action) {
}
