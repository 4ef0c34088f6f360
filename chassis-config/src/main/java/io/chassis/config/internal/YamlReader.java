package io.chassis.config.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.chassis.config.ConfigProblem;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into a typesafe {@link Config} whose every value carries its file and line, so YAML
 * merges exactly like HOCON and errors point at the YAML line.
 *
 * <p>Semantics match HOCON: an unquoted key with dots ({@code chassis.http.port: 8080}) is a path;
 * a quoted key ({@code "io.chassis": debug}) is one key. Multiple documents overlay in order.
 * Only the node graph is composed; no Java objects are constructed from YAML tags.
 */
final class YamlReader {

    private final Placeholders placeholders;

    YamlReader(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** Parses {@code reader}; returns {@code null} after adding problems when the YAML is bad. */
    Config read(Reader reader, ConfigOrigin source, List<ConfigProblem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        Config result = ConfigFactory.empty(source.description());
        int before = problems.size();
        try {
            for (Node document : new Yaml(options).composeAll(reader)) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof MappingNode mapping)) {
                    problems.add(new ConfigProblem(
                            at(source, document.getStartMark()),
                            "",
                            "must hold a mapping of keys at the top level, but holds a " + describe(document)
                                    + ". Start the file with 'key: value' lines."));
                    return null;
                }
                result = mapping(mapping, source, "", problems).withFallback(result);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(new ConfigProblem(
                    mark == null ? source.description() : at(source, mark),
                    "",
                    "is not valid YAML: " + what.trim()
                            + (mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")")
                            + ". Check indentation, quoting and ':' after each key."));
            return null;
        } catch (YAMLException e) {
            problems.add(new ConfigProblem(source.description(), "", "is not valid YAML: " + e.getMessage()));
            return null;
        }
        return problems.size() == before ? result : null;
    }

    private Config mapping(MappingNode node, ConfigOrigin source, String parent, List<ConfigProblem> problems) {
        Config explicit = ConfigFactory.empty();
        Config merged = ConfigFactory.empty();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merged =
                        mergeKey(tuple.getValueNode(), source, parent, problems).withFallback(merged);
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(new ConfigProblem(
                        at(source, keyNode.getStartMark()),
                        parent,
                        "must use plain text keys, but has a " + describe(keyNode) + " as a key."));
                continue;
            }
            if (!seen.add(scalarKey.getValue())) {
                problems.add(new ConfigProblem(
                        at(source, keyNode.getStartMark()),
                        join(parent, scalarKey.getValue()),
                        "must be written once per mapping, but appears again. Remove one of the two."));
                continue;
            }
            List<String> segments = scalarKey.isPlain()
                    ? Arrays.asList(scalarKey.getValue().split("\\.", -1))
                    : List.of(scalarKey.getValue());
            String path = join(parent, ConfigUtil.joinPath(segments));
            ConfigValue value = value(tuple.getValueNode(), source, path, problems);
            if (value != null) {
                explicit = value.atPath(ConfigUtil.joinPath(segments)).withFallback(explicit);
            }
        }
        return explicit.withFallback(merged);
    }

    private Config mergeKey(Node node, ConfigOrigin source, String parent, List<ConfigProblem> problems) {
        if (node instanceof MappingNode mapping) {
            return mapping(mapping, source, parent, problems);
        }
        Config merged = ConfigFactory.empty();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                merged = merged.withFallback(mergeKey(item, source, parent, problems));
            }
            return merged;
        }
        problems.add(new ConfigProblem(
                at(source, node.getStartMark()),
                parent,
                "must merge ('<<') a mapping, but merges a " + describe(node)));
        return merged;
    }

    private ConfigValue value(Node node, ConfigOrigin source, String path, List<ConfigProblem> problems) {
        ConfigOrigin origin = source.withLineNumber(node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            return mapping(mapping, source, path, problems).root().withOrigin(origin);
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigValue> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(value(item, source, path + "[" + items.size() + "]", problems));
            }
            return items.contains(null)
                    ? null
                    : ConfigValueFactory.fromIterable(items).withOrigin(origin);
        }
        ScalarNode scalar = (ScalarNode) node;
        Object plain = scalar.isPlain() ? typed(scalar) : scalar.getValue();
        if (plain instanceof String text) {
            plain = placeholders.expand(text, origin.description(), path, problems);
            if (plain == null) {
                return null;
            }
        }
        return ConfigValueFactory.fromAnyRef(plain).withOrigin(origin);
    }

    /** Plain scalars keep the YAML type; YAML 1.1 yes/no/on/off stay text (the "Norway problem"). */
    private static Object typed(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            } else if (tag.equals(Tag.BOOL) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                return Boolean.valueOf(text);
            } else if (tag.equals(Tag.INT)) {
                return Long.valueOf(text.replace("_", ""));
            } else if (tag.equals(Tag.FLOAT)) {
                return Double.valueOf(text.replace("_", ""));
            }
        } catch (NumberFormatException notDecimal) {
            // hex, octal or sexagesimal forms: keep the text and let the binder convert or complain
        }
        return text;
    }

    private static String describe(Node node) {
        return switch (node.getNodeId()) {
            case scalar -> "single value";
            case sequence -> "list";
            case mapping -> "mapping";
            default -> node.getNodeId().name();
        };
    }

    private static String at(ConfigOrigin source, Mark mark) {
        return source.withLineNumber(mark.getLine() + 1).description();
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
