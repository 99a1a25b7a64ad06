package org.rappel.callback;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which numbers the hotline calls back. Mobile and fixed-line numbers of the home region are always accepted;
 * premium-rate numbers, short codes and emergency numbers never are. The rest is configurable.
 *
 * <p>Defaults ({@link #france()}), chosen for a French public-service hotline:
 * <ul>
 * <li>home region {@code FR} (+33): numbers typed in national form ({@code 06 12 34 56 78}) are read as French;</li>
 * <li>no other region: a foreign number is refused ({@code FOREIGN}); overseas departments have their own
 * region codes in the numbering metadata ({@code GP}, {@code MQ}, {@code GF}, {@code RE}, {@code YT}, ...) and
 * must be listed in {@code otherRegions} to be called back;</li>
 * <li>VoIP numbers (09 in France) accepted: they are the home lines of internet-box subscribers, i.e.
 * citizens;</li>
 * <li>toll-free (080x) and shared-cost (081x, 082x) refused: those are service lines, not citizens', and
 * calling them back costs or ties up a third party.</li>
 * </ul>
 *
 * @param homeRegion      ISO 3166 region of the national plan (upper case), also used to read national forms
 * @param otherRegions    further regions whose numbers are accepted (upper case); empty by default
 * @param acceptVoip      accept VoIP-range numbers
 * @param acceptTollFree  accept toll-free numbers
 * @param acceptSharedCost accept shared-cost numbers
 */
public record NumberingPlanSettings(String homeRegion, Set<String> otherRegions, boolean acceptVoip,
        boolean acceptTollFree, boolean acceptSharedCost) {

    public NumberingPlanSettings {
        Objects.requireNonNull(homeRegion, "homeRegion");
        homeRegion = homeRegion.toUpperCase(Locale.ROOT);
        otherRegions = otherRegions.stream().map(r -> r.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static NumberingPlanSettings france() {
        return new NumberingPlanSettings("FR", Set.of(), true, false, false);
    }

    boolean accepts(String region) {
        return homeRegion.equals(region) || otherRegions.contains(region);
    }
}
