package org.rappel.estimate;

import java.util.Objects;

/**
 * Turns an estimate into what a person would say, rounding as people do:
 * <ul>
 *   <li>unreliable estimate: {@link Announcement.NoPromise};</li>
 *   <li>under a minute: {@link Announcement.LessThanAMinute};</li>
 *   <li>up to 10 minutes: to the nearest minute ("about 4 minutes"; 1 at least);</li>
 *   <li>up to an hour: to the nearest 5 minutes ("about 25 minutes"; 60 at most);</li>
 *   <li>beyond: the hour range it falls in ("between 1 and 2 hours"), hours counted from 60 minutes.</li>
 * </ul>
 * Halves round up: announcing a little long disappoints less than a little short.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnnouncementRounding {

    private static final double MINUTE = 60;
    private static final double PRECISE_UP_TO = 10 * MINUTE;
    private static final double HOUR = 60 * MINUTE;

    private AnnouncementRounding() {
    }

    public static Announcement announce(Estimate estimate) {
        Objects.requireNonNull(estimate, "estimate");
        if (!estimate.reliable()) {
            return new Announcement.NoPromise(estimate.reliability());
        }
        double seconds = estimate.seconds();
        if (seconds < MINUTE) {
            return new Announcement.LessThanAMinute();
        }
        if (seconds <= PRECISE_UP_TO) {
            return new Announcement.AboutMinutes((int) Math.max(1, Math.floor(seconds / MINUTE + 0.5)));
        }
        if (seconds <= HOUR) {
            int fives = (int) Math.floor(seconds / (5 * MINUTE) + 0.5);
            return new Announcement.AboutMinutes(Math.min(60, Math.max(10, fives * 5)));
        }
        int hours = (int) Math.floor(seconds / HOUR);
        return new Announcement.RangeHours(hours, hours + 1);
    }
}
