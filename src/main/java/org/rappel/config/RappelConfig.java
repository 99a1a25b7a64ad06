package org.rappel.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rappel.admin.ApiSettings;
import org.rappel.admin.HttpSettings;
import org.rappel.agi.AgiServerSettings;
import org.rappel.ami.AmiSettings;
import org.rappel.store.NodeId;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Everything a Rappel process is configured with. Every value has an embedded default, so the server runs with
 * no file at all; a YAML file (see {@code README.md}, "Configuration") and then {@code RAPPEL_…} environment
 * variables override them. A bad file fails the start with file, line, key and reason.
 *
 * @param flowFiles IVR flow files added to (or overriding) the embedded default hotline
 * @param services  the services callers queue for: the embedded ones ({@link #DEFAULT_SERVICES}), each
 *                  replaced by a file entry of the same name, plus those the file adds
 * @param agents    the agents (none by default)
 * @param ami       how to reach Asterisk's manager interface; empty when no secret is configured (then Rappel
 *                  does not connect, and learns the agent's answer from {@code Dial} alone)
 * @param nodeId    this node's name in the callback store's claims; stable across restarts (default: host name)
 * @param store     where callback promises are kept
 * @param callback  how callbacks are dialled and limited
 * @param api       who may use the REST API (tokens by role)
 */
public record RappelConfig(AgiServerSettings agi, HttpSettings http, List<Path> flowFiles,
                           List<ServiceSettings> services, List<AgentSettings> agents, Optional<AmiSettings> ami,
                           String nodeId, StoreSettings store, CallbackSettings callback, ApiSettings api) {

    /** The services of the embedded default hotline ({@code flows/hotline.yaml}). */
    public static final List<String> DEFAULT_SERVICES = List.of("prestations", "logement", "general");

    public RappelConfig {
        flowFiles = List.copyOf(flowFiles);
        services = List.copyOf(services);
        agents = List.copyOf(agents);
        Objects.requireNonNull(ami, "ami");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(api, "api");
    }

    /** The embedded services, no agent, no AMI. */
    public RappelConfig(AgiServerSettings agi, HttpSettings http, List<Path> flowFiles) {
        this(agi, http, flowFiles, defaultServices(), List.of(), Optional.empty());
    }

    /** Callbacks kept in {@code data/}, with the default callback settings, named after this host. */
    public RappelConfig(AgiServerSettings agi, HttpSettings http, List<Path> flowFiles,
                        List<ServiceSettings> services, List<AgentSettings> agents, Optional<AmiSettings> ami) {
        this(agi, http, flowFiles, services, agents, ami, defaultNodeId(), StoreSettings.defaults(),
                CallbackSettings.defaults(), ApiSettings.defaults());
    }

    /** The host name, or {@code rappel} when it cannot be read. */
    static String defaultNodeId() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.length() > 64 ? host.substring(0, 64) : host;
        } catch (UnknownHostException e) {
            return "rappel";
        }
    }

    public static RappelConfig defaults() {
        return new RappelConfig(AgiServerSettings.defaults(), HttpSettings.defaults(), List.of());
    }

    private static List<ServiceSettings> defaultServices() {
        return DEFAULT_SERVICES.stream().map(ServiceSettings::named).toList();
    }

    /** Reads the optional file, then the environment. */
    public static RappelConfig load(Optional<Path> file, Map<String, String> env) throws ConfigException {
        String source = file.map(Path::toString).orElse("(defaults)");
        Optional<MappingNode> root = Optional.empty();
        if (file.isPresent()) {
            root = parse(file.get());
        }
        ConfigSection top = new ConfigSection(source, "", root, env);
        AgiServerSettings agi = agi(top.section("agi"));
        HttpSettings http = http(top.section("http"));
        List<Path> flows = flows(top.section("flows"), file);
        CallbackSettings callback = CallbackSections.callback(top.section("callback"), env);
        List<ServiceSettings> services = QueueSections.services(top.section("services"),
                callback.dialer().callingHours());
        List<AgentSettings> agents = QueueSections.agents(top.section("agents"), services);
        Optional<AmiSettings> ami = QueueSections.ami(top.section("ami"));
        String nodeId = top.string("node-id", defaultNodeId()).trim();
        top.checked("node-id", () -> new NodeId(nodeId));
        StoreSettings store = CallbackSections.store(top.section("store"));
        ApiSettings api = ApiSection.api(top.section("api"), env);
        RappelConfig config = new RappelConfig(agi, http, flows, services, agents, ami, nodeId, store, callback,
                api);
        top.rejectUnknownKeys();
        return config;
    }

    private static Optional<MappingNode> parse(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node node = new Yaml(new LoaderOptions()).compose(reader);
            if (node == null) {
                return Optional.empty();
            }
            if (!(node instanceof MappingNode mapping)) {
                throw new ConfigException(file + ":" + (node.getStartMark().getLine() + 1)
                        + ": the config file must be a mapping of sections (agi, http, flows, services, agents, ami,"
                        + " store, callback, api)");
            }
            return Optional.of(mapping);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static AgiServerSettings agi(ConfigSection agi) throws ConfigException {
        AgiServerSettings d = AgiServerSettings.defaults();
        List<String> networks = agi.strings("allowed-networks", d.allowedNetworks());
        agi.checked("allowed-networks", () -> AgiServerSettings.checkNetworks(networks));
        AgiServerSettings settings = new AgiServerSettings(
                agi.string("bind", d.bindHost()),
                agi.integer("port", d.port(), 0, 65535),
                networks,
                agi.integer("max-line-length", d.maxLineLength(), 256, 1 << 20),
                agi.integer("max-environment-lines", d.maxEnvironmentLines(), 16, 4096),
                agi.duration("environment-timeout", d.environmentTimeout(), Duration.ofMillis(100), Duration.ofMinutes(5)),
                // Under a second: Asterisk keeps a zombie channel until the FastAGI server closes.
                agi.duration("hangup-close-delay", d.hangupCloseDelay(), Duration.ofMillis(1), Duration.ofMillis(999)),
                agi.duration("drain-deadline", d.drainDeadline(), Duration.ZERO, Duration.ofHours(1)));
        agi.rejectUnknownKeys();
        return settings;
    }

    private static HttpSettings http(ConfigSection http) throws ConfigException {
        HttpSettings d = HttpSettings.defaults();
        HttpSettings settings = new HttpSettings(
                http.string("bind", d.bindHost()),
                http.integer("port", d.port(), 0, 65535),
                http.integer("max-request-bytes", d.maxRequestBytes(), 1024, 64 << 20));
        http.rejectUnknownKeys();
        return settings;
    }

    /** Flow files named in a config file are relative to that file's folder. */
    private static List<Path> flows(ConfigSection flows, Optional<Path> configFile) throws ConfigException {
        Path base = configFile.map(Path::toAbsolutePath).map(Path::getParent).orElse(Path.of(""));
        List<Path> files = flows.strings("files", List.of()).stream().map(base::resolve).toList();
        flows.rejectUnknownKeys();
        return files;
    }
}
