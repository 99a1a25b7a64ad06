package org.rappel.config;

import java.time.Duration;
import java.util.Objects;
import org.rappel.callback.CallingHours;
import org.rappel.callback.ServiceCallbacks;

/**
 * One service (queue) as configured under {@code services:}.
 *
 * @param name          the service, as flows' {@code enqueue} nodes name it
 * @param weight        how much a minute of waiting here counts for an agent skilled for several services
 * @param priority      the priority class of callers entering this service (higher is served first)
 * @param announceEvery period of the position and wait announcement while a caller holds
 * @param ringTimeout   how long an agent's phone rings before the offer counts as not answered
 * @param estimator     the wait-time estimator whose figure is announced ({@code ql}, {@code app_queue}...)
 * @param callbacks     how the service offers and makes callbacks, and its opening hours
 */
public record ServiceSettings(String name, double weight, int priority, Duration announceEvery,
                              Duration ringTimeout, String estimator, ServiceCallbacks callbacks) {

    /** Announcement period, ring time and estimator of a service given only by name. */
    public static final Duration DEFAULT_ANNOUNCE_EVERY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(20);
    public static final String DEFAULT_ESTIMATOR = "ql";

    public ServiceSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(announceEvery, "announceEvery");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(callbacks, "callbacks");
    }

    /** With the default callback handling, open during the default calling hours. */
    public ServiceSettings(String name, double weight, int priority, Duration announceEvery, Duration ringTimeout,
                           String estimator) {
        this(name, weight, priority, announceEvery, ringTimeout, estimator,
                ServiceCallbacks.defaults(name, CallingHours.defaults()));
    }

    public static ServiceSettings named(String name) {
        return new ServiceSettings(name, 1.0, 0, DEFAULT_ANNOUNCE_EVERY, DEFAULT_RING_TIMEOUT, DEFAULT_ESTIMATOR);
    }
}
