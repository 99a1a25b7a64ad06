package org.rappel.flow;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.rappel.agi.AgiRequest;
import org.rappel.agi.AgiScript;
import org.rappel.agi.AgiScriptMapping;
import org.rappel.callback.CallbackDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotlines Rappel answers, each a checked IVR flow, and the FastAGI mapping from script path to flow:
 * {@code agi://host:4573/<hotline>} runs that hotline's flow, one {@link FlowRun} per call.
 *
 * <p>The embedded {@code flows/hotline.yaml} (hotline {@code hotline}) is always read first; each file given then
 * adds hotlines, or replaces one of the same name, in order. A file with any problem refuses the whole load with
 * {@link FlowDefinitionException} ({@code <file>:<line>: <reason>}). Immutable once loaded, safe for any thread.
 */
public final class FlowCatalog implements AgiScriptMapping {

    private static final Logger log = LoggerFactory.getLogger(FlowCatalog.class);

    /** The classpath resource of the default hotline. */
    public static final String EMBEDDED = "flows/hotline.yaml";

    private final Map<String, Hotline> hotlines;
    private final FlowMetrics metrics;
    private final ServiceQueue queue;
    private final Optional<CallbackDesk> callbacks;

    private FlowCatalog(Map<String, Hotline> hotlines, FlowMetrics metrics, ServiceQueue queue,
                        Optional<CallbackDesk> callbacks) {
        this.hotlines = Collections.unmodifiableMap(new LinkedHashMap<>(hotlines));
        this.metrics = metrics;
        this.queue = queue;
        this.callbacks = callbacks;
    }

    /** Loads the embedded hotline and {@code files}; callers enqueued hold with music until they hang up. */
    public static FlowCatalog load(List<Path> files, MeterRegistry registry) throws FlowDefinitionException {
        return load(files, registry, ServiceQueue.musicOnHoldOnly());
    }

    /**
     * Loads the embedded hotline and {@code files}; enqueue nodes hand their callers to {@code queue};
     * {@code callback-status} nodes go straight on (no callback office).
     */
    public static FlowCatalog load(List<Path> files, MeterRegistry registry, ServiceQueue queue)
            throws FlowDefinitionException {
        return load(files, registry, queue, Optional.empty());
    }

    /** As above; {@code callback-status} nodes offer to cancel the caller's pending callbacks at {@code callbacks}. */
    public static FlowCatalog load(List<Path> files, MeterRegistry registry, ServiceQueue queue,
                                   CallbackDesk callbacks) throws FlowDefinitionException {
        return load(files, registry, queue, Optional.of(callbacks));
    }

    private static FlowCatalog load(List<Path> files, MeterRegistry registry, ServiceQueue queue,
                                    Optional<CallbackDesk> callbacks) throws FlowDefinitionException {
        Map<String, Hotline> hotlines = new LinkedHashMap<>(embedded());
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Map<String, Hotline> added = FlowFile.read(file.toString(), reader);
                hotlines.putAll(added);
                log.info("flow file {}: hotlines {}", file, added.keySet());
            } catch (IOException e) {
                throw new FlowDefinitionException(file.toString(), 1, "cannot read the flow file: " + e);
            }
        }
        FlowMetrics metrics = new FlowMetrics(registry);
        metrics.register(hotlines.keySet());
        return new FlowCatalog(hotlines, metrics, queue, callbacks);
    }

    private static Map<String, Hotline> embedded() throws FlowDefinitionException {
        try (InputStream in = FlowCatalog.class.getClassLoader().getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new FlowDefinitionException(EMBEDDED, 1, "embedded flow file missing from the classpath");
            }
            return FlowFile.read(EMBEDDED, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlowDefinitionException(EMBEDDED, 1, "cannot read the embedded flow file: " + e);
        }
    }

    /** The hotline names, as used in AGI script paths. */
    public Set<String> hotlines() {
        return hotlines.keySet();
    }

    /**
     * Refuses flows whose {@code enqueue} nodes name a service that is not configured: such callers could never
     * be served.
     *
     * @throws FlowDefinitionException at the first such node, {@code file:line: reason}
     */
    public void checkServices(Set<String> configured) throws FlowDefinitionException {
        for (Hotline hotline : hotlines.values()) {
            for (FlowNode node : hotline.nodes().values()) {
                if (node instanceof FlowNode.Enqueue enqueue && !configured.contains(enqueue.service())) {
                    throw new FlowDefinitionException(hotline.file(), enqueue.line(), "node " + enqueue.name()
                            + ": service '" + enqueue.service() + "' is not configured (services: "
                            + new TreeSet<>(configured) + ")");
                }
            }
        }
    }

    @Override
    public Optional<AgiScript> scriptFor(AgiRequest request) {
        Hotline hotline = hotlines.get(request.script());
        if (hotline == null) {
            return Optional.empty();
        }
        return Optional.of(session -> new FlowRun(hotline, session, metrics, queue, callbacks).start());
    }
}
