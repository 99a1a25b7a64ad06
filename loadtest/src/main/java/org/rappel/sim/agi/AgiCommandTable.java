package org.rappel.sim.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The AGI commands the simulated Asterisk knows, found as res_agi's {@code find_command} does: the command's
 * words must all match the first words of the line, case-insensitively; further words are arguments
 * ({@code GET} alone matches nothing and gets a 510). Pluggable: {@link #register} adds or replaces a command.
 * Thread-safe (registration normally happens before calls start).
 */
public final class AgiCommandTable {

    /**
     * @param words                 upper-case command words, e.g. {@code [GET, DATA]}
     * @param allowedOnDeadChannel  whether it still runs after the hang-up (else 511)
     * @param usage                 the text of a 520 reply, empty for "Proper usage not available"
     */
    public record Entry(List<String> words, boolean allowedOnDeadChannel, Optional<String> usage,
                        AgiCommandHandler handler) {
        public Entry {
            words = List.copyOf(words);
        }

        public String verb() {
            return String.join(" ", words);
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** The commands of Asterisk 22 the simulator plays (see {@link StandardCommands}). */
    public static AgiCommandTable standard(ExecApplications applications) {
        AgiCommandTable table = new AgiCommandTable();
        StandardCommands.registerAll(table, applications);
        return table;
    }

    /** Adds a command, replacing one with the same words; its usage text is Asterisk's when known. */
    public void register(String verb, boolean allowedOnDeadChannel, AgiCommandHandler handler) {
        String upper = verb.toUpperCase(Locale.ROOT);
        List<String> words = List.of(upper.split(" "));
        entries.removeIf(e -> e.words().equals(words));
        entries.add(new Entry(words, allowedOnDeadChannel, AgiUsage.of(upper), handler));
    }

    public Optional<Entry> find(List<String> argv) {
        for (Entry entry : entries) {
            List<String> words = entry.words();
            if (argv.size() < words.size()) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < words.size() && match; i++) {
                match = words.get(i).equalsIgnoreCase(argv.get(i));
            }
            if (match) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
