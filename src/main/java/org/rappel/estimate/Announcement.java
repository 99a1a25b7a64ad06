package org.rappel.estimate;

/**
 * What a person would say about a wait, language-neutral: the IVR turns it into prompts.
 * Made by {@link AnnouncementRounding}.
 */
public sealed interface Announcement {

    /** "Less than a minute." */
    record LessThanAMinute() implements Announcement {
    }

    /** "About {@code minutes} minutes." */
    record AboutMinutes(int minutes) implements Announcement {
        public AboutMinutes {
            if (minutes < 1) {
                throw new IllegalArgumentException("minutes < 1: " + minutes);
            }
        }
    }

    /** "Between {@code fromHours} and {@code toHours} hours." */
    record RangeHours(int fromHours, int toHours) implements Announcement {
        public RangeHours {
            if (fromHours < 1 || toHours <= fromHours) {
                throw new IllegalArgumentException("bad hour range " + fromHours + ".." + toHours);
            }
        }
    }

    /** Nothing is promised: the estimate is not reliable (too little history, or nobody logged in). */
    record NoPromise(Reliability reason) implements Announcement {
    }
}
