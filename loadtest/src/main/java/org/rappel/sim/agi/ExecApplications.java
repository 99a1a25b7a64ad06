package org.rappel.sim.agi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialplan applications EXEC can run, by name (case-insensitive, as {@code pbx_findapp}). Pluggable:
 * {@link #register} adds one (Dial comes this way). An unknown application makes EXEC answer
 * {@code 200 result=-2}. Thread-safe.
 */
public final class ExecApplications {

    private final Map<String, ExecApplication> applications = new ConcurrentHashMap<>();

    /** Verbose, NoOp, Log, Set, Answer, Wait, Playback, MusicOnHold, Hangup (see {@link StandardApplications}). */
    public static ExecApplications standard() {
        ExecApplications apps = new ExecApplications();
        StandardApplications.registerAll(apps);
        return apps;
    }

    public void register(String name, ExecApplication application) {
        applications.put(name.toLowerCase(Locale.ROOT), application);
    }

    public Optional<ExecApplication> find(String name) {
        return Optional.ofNullable(applications.get(name.toLowerCase(Locale.ROOT)));
    }
}
