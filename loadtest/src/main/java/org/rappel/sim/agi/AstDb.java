package org.rappel.sim.agi;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.Optional;

/** Asterisk's AstDB (family/key → value), shared by the calls of one simulator; thread-safe. */
public final class AstDb {

    private final ConcurrentMap<String, String> entries = new ConcurrentHashMap<>();

    private static String key(String family, String key) {
        return "/" + family + "/" + key;
    }

    public Optional<String> get(String family, String key) {
        return Optional.ofNullable(entries.get(key(family, key)));
    }

    public void put(String family, String key, String value) {
        entries.put(key(family, key), value);
    }

    /** @return whether the key existed */
    public boolean delete(String family, String key) {
        return entries.remove(key(family, key)) != null;
    }

    /** @return how many keys were deleted under the family (and key tree, when given) */
    public int deleteTree(String family, Optional<String> keyTree) {
        String prefix = "/" + family + "/" + keyTree.map(k -> k + "/").orElse("");
        String exact = keyTree.map(k -> "/" + family + "/" + k).orElse("");
        int[] count = {0};
        entries.keySet().removeIf(k -> {
            boolean match = k.startsWith(prefix) || k.equals(exact);
            if (match) {
                count[0]++;
            }
            return match;
        });
        return count[0];
    }
}
