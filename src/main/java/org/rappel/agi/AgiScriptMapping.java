package org.rappel.agi;

import java.util.Optional;

/** Chooses the script for a new FastAGI connection, by its script path; empty for an unknown path. */
@FunctionalInterface
public interface AgiScriptMapping {
    Optional<AgiScript> scriptFor(AgiRequest request);
}
