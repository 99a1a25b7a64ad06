package org.rappel.queue;

/**
 * A service agents can be skilled for, with its own queue of contacts.
 *
 * @param name   the service's name, as the IVR and the supervisors use it
 * @param weight how much a minute of waiting in this service counts when an agent skilled for several services
 *               picks the next contact (see {@link ContactCenter}); {@code 1.0} for all services makes it plain
 *               first-come, first-served across services
 */
public record ServiceConfig(String name, double weight) {

    public ServiceConfig {
        Contact.requireName(name, "name");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("service " + name + ": weight must be a positive number, was " + weight);
        }
    }

    /** A service of weight {@code 1.0}. */
    public static ServiceConfig of(String name) {
        return new ServiceConfig(name, 1.0);
    }
}
