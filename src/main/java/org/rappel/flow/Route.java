package org.rappel.flow;

/** A reference from one node to another, with the line where the flow file names it. */
record Route(String target, int line) {
}
