package org.rappel.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rappel.ami.AmiSettings;
import org.rappel.callback.CallbackMode;
import org.rappel.callback.CallingHours;
import org.rappel.callback.ServiceCallbacks;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.queue.AgentConfig;

/** Reads the contact-center sections of the config: {@code services}, {@code agents} and {@code ami}. */
final class QueueSections {

    /** {@code Tech/resource}, nothing that would split Dial's arguments or a command line. */
    private static final Pattern DIAL_STRING = Pattern.compile("[A-Za-z][A-Za-z0-9]*/[^,\\s|&\"\\\\]+");
    private static final Duration DEFAULT_WRAP_UP = Duration.ofSeconds(10);

    private QueueSections() {
    }

    /** {@code openingHours}: a service's opening hours when it gives none (the callback calling hours). */
    static List<ServiceSettings> services(ConfigSection section, CallingHours openingHours) throws ConfigException {
        Set<String> names = new LinkedHashSet<>(RappelConfig.DEFAULT_SERVICES);
        names.addAll(section.keys());
        List<ServiceSettings> services = new ArrayList<>();
        for (String name : names) {
            ConfigSection s = section.section(name);
            ServiceSettings d = ServiceSettings.named(name);
            Duration announceEvery = s.duration("announce-every", d.announceEvery());
            if (announceEvery.compareTo(Duration.ofSeconds(10)) < 0) {
                throw s.invalid("announce-every", "must be at least 10s, was " + announceEvery.toMillis() + "ms");
            }
            Duration ringTimeout = s.duration("ring-timeout", d.ringTimeout());
            if (ringTimeout.compareTo(Duration.ofSeconds(5)) < 0 || ringTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw s.invalid("ring-timeout", "must be between 5s and 5m, was " + ringTimeout.toMillis() + "ms");
            }
            String estimator = s.string("estimator", d.estimator()).trim();
            if (!WaitTimeEstimators.names().contains(estimator)) {
                throw s.invalid("estimator", "unknown estimator '" + estimator + "', known: "
                        + WaitTimeEstimators.names());
            }
            ServiceCallbacks c = ServiceCallbacks.defaults(name, openingHours);
            String mode = s.string("callback-mode", c.mode().code()).trim();
            ServiceCallbacks callbacks = new ServiceCallbacks(name,
                    s.checked("callback-mode", () -> CallbackMode.ofCode(mode)),
                    s.duration("callback-threshold", c.threshold(), Duration.ZERO, Duration.ofHours(24)),
                    HoursSection.hours(s, "opening-hours", openingHours),
                    s.duration("slot-length", c.slotLength(), Duration.ofMinutes(5), Duration.ofHours(24)),
                    s.integer("slot-capacity", c.slotCapacity(), 1, 100_000));
            services.add(new ServiceSettings(name, s.positive("weight", d.weight()),
                    s.integer("priority", d.priority(), 0, 1000), announceEvery, ringTimeout, estimator, callbacks));
            s.rejectUnknownKeys();
        }
        return List.copyOf(services);
    }

    static List<AgentSettings> agents(ConfigSection section, List<ServiceSettings> services) throws ConfigException {
        Set<String> known = new LinkedHashSet<>();
        services.forEach(s -> known.add(s.name()));
        List<AgentSettings> agents = new ArrayList<>();
        for (String id : section.keys()) {
            ConfigSection a = section.section(id);
            String dialString = a.required("dial-string").trim();
            if (!DIAL_STRING.matcher(dialString).matches()) {
                throw a.invalid("dial-string", "expected Tech/resource such as PJSIP/agent101, was '" + dialString
                        + "'");
            }
            if (!a.present("skills")) {
                throw a.invalid("skills", "missing (required): services and levels, e.g. {prestations: 1}");
            }
            ConfigSection s = a.section("skills");
            Map<String, Integer> skills = new LinkedHashMap<>();
            for (String service : s.keys()) {
                if (!known.contains(service)) {
                    throw s.invalid(service, "unknown service, known: " + known);
                }
                skills.put(service, s.integer(service, 1, 0, 100));
            }
            if (skills.isEmpty()) {
                throw a.invalid("skills", "at least one service is needed");
            }
            agents.add(new AgentSettings(id, dialString, skills, a.duration("wrap-up", DEFAULT_WRAP_UP),
                    a.duration("missed-call-pause", AgentConfig.DEFAULT_MISSED_OFFER_PAUSE, Duration.ZERO,
                            Duration.ofHours(12)),
                    a.bool("logged-in", true)));
            a.rejectUnknownKeys();
        }
        return List.copyOf(agents);
    }

    /** Empty when no secret is given: Rappel then does not connect. */
    static Optional<AmiSettings> ami(ConfigSection section) throws ConfigException {
        AmiSettings d = AmiSettings.defaults("");
        String host = section.string("host", d.host()).trim();
        if (host.isEmpty()) {
            throw section.invalid("host", "must not be empty");
        }
        int port = section.integer("port", d.port(), 1, 65535);
        String username = section.string("username", d.username()).trim();
        if (username.isEmpty()) {
            throw section.invalid("username", "must not be empty");
        }
        String secret = section.string("secret", "");
        section.rejectUnknownKeys();
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(d.withAddress(host, port).withCredentials(username, secret));
    }
}
