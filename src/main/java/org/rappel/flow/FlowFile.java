package org.rappel.flow;

import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one flow file: {@code hotlines:} → hotline name → {@code start}, {@code answer}, {@code nodes}. Each
 * hotline is checked whole ({@link FlowChecks}) before it is returned; the first problem refuses the file with
 * its line. The schema is documented at the top of {@code flows/hotline.yaml}.
 */
final class FlowFile {

    private FlowFile() {
    }

    /** The hotlines of the file, in file order. */
    static Map<String, Hotline> read(String file, Reader reader) throws FlowDefinitionException {
        Node root;
        try {
            root = new Yaml().compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new FlowDefinitionException(file, mark == null ? 1 : mark.getLine() + 1,
                    "YAML syntax error: " + e.getProblem() + context);
        } catch (YAMLException e) {
            throw new FlowDefinitionException(file, 1, "YAML error: " + e.getMessage());
        }
        if (root == null) {
            throw new FlowDefinitionException(file, 1, "empty flow file: expected 'hotlines:'");
        }
        YamlMapping top = new YamlMapping(file, root, "the flow file", 1);
        top.allowOnly(List.of("hotlines"));
        YamlMapping hotlines = top.mapping("hotlines", "'hotlines'");
        Map<String, Hotline> read = new LinkedHashMap<>();
        for (String name : hotlines.keys()) {
            Node nameNode = hotlines.keyNode(name);
            if (!NodeParser.NAME.matcher(name).matches()) {
                throw hotlines.error(nameNode, "bad hotline name '" + name
                        + "': letters, digits, '_', '.' and '-' only (it is the AGI script path)");
            }
            read.put(name, hotline(file, name, hotlines.mapping(name, "hotline '" + name + "'")));
        }
        if (read.isEmpty()) {
            throw top.error(top.keyNode("hotlines"), "no hotline under 'hotlines'");
        }
        return read;
    }

    private static Hotline hotline(String file, String name, YamlMapping hotline) throws FlowDefinitionException {
        hotline.allowOnly(List.of("start", "answer", "nodes"));
        ScalarNode startNode = hotline.scalar("start");
        Route start = new Route(startNode.getValue().strip(), YamlMapping.line(startNode));
        boolean answer = hotline.flag("answer", true);
        YamlMapping nodes = hotline.mapping("nodes", "the nodes of hotline '" + name + "'");
        Map<String, FlowNode> parsed = new LinkedHashMap<>();
        for (String nodeName : nodes.keys()) {
            Node nameNode = nodes.keyNode(nodeName);
            if (!NodeParser.NAME.matcher(nodeName).matches()) {
                throw nodes.error(nameNode, "bad node name '" + nodeName + "': letters, digits, '_', '.' and '-' only");
            }
            YamlMapping node = nodes.mapping(nodeName, "node '" + nodeName + "'");
            parsed.put(nodeName, NodeParser.parse(nodeName, YamlMapping.line(nameNode), node));
        }
        FlowChecks.check(file, name, start, parsed);
        return new Hotline(name, file, start.target(), answer, parsed);
    }
}
