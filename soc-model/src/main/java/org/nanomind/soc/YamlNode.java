package org.nanomind.soc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A node of a YAML input file that knows where it stands (file, line, column, field path), so every
 * error names its place. Reading is strict: required fields must be there, unknown keys are refused with
 * a suggestion when one is close, and values must have the expected shape and unit.
 */
public final class YamlNode {
    private final String file;
    private final String path;
    private final Node node;
    /** The fields of a mapping, built on first use: lookups are then O(1), not a walk of the mapping. */
    private Map<String, YamlNode> entries;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** How deep lists and maps may nest: a scenario, platform or sweep file needs a handful of levels. */
    public static final int MAX_DEPTH = 64;
    /** The most characters a file may hold (a platform file is about 20,000). */
    public static final int MAX_CODE_POINTS = 1024 * 1024;
    /** The most aliases (*name) a file may use: anchors are for a few shared blocks, not expansion bombs. */
    public static final int MAX_ALIASES = 50;

    public static YamlNode parse(String text, String file) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_ALIASES).build();
        try {
            checkDepth(settings, text, file);
            Node root = new Compose(settings).composeString(text)
                    .orElseThrow(() -> new InputException(file, 0, 0, "", "the file is empty"));
            return new YamlNode(file, "", root);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> m = e.getProblemMark();
            throw new InputException(file, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0),
                    "", "not valid YAML: " + e.getProblem());
        } catch (org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
            // Limits the parser enforces itself (document size, aliases) come without a position.
            throw new InputException(file, 0, 0, "", "not accepted as YAML: " + e.getMessage() + " (limits: " + MAX_CODE_POINTS
                    + " characters, " + MAX_ALIASES + " aliases, " + MAX_DEPTH + " levels of nesting)");
        }
    }

    /**
     * Refuses nesting deeper than {@link #MAX_DEPTH} before the tree is built: the composer recurses once a
     * level, so a file nested thousands deep would overflow the stack. The parser's events come one at a
     * time, without recursion.
     */
    private static void checkDepth(LoadSettings settings, String text, String file) {
        int depth = 0;
        for (org.snakeyaml.engine.v2.events.Event e : new org.snakeyaml.engine.v2.api.lowlevel.Parse(settings).parseString(text)) {
            if (e instanceof org.snakeyaml.engine.v2.events.CollectionStartEvent) {
                if (++depth > MAX_DEPTH) {
                    Optional<Mark> m = e.getStartMark();
                    throw new InputException(file, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0), "",
                            "lists and maps nest deeper than " + MAX_DEPTH + " levels; these files need a handful");
                }
            } else if (e instanceof org.snakeyaml.engine.v2.events.CollectionEndEvent) {
                depth--;
            }
        }
    }

    public static YamlNode read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    public int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public int column() {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    }

    /** An error at this node. */
    public InputException error(String problem) {
        return new InputException(file, line(), column(), path, problem);
    }

    private Map<String, YamlNode> entries() {
        if (entries != null) {
            return entries;
        }
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping of fields");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                throw new YamlNode(file, path, t.getKeyNode()).error("keys must be plain names");
            }
            YamlNode child = new YamlNode(file, path.isEmpty() ? key : path + "." + key, t.getValueNode());
            if (out.put(key, child) != null) {
                throw new YamlNode(file, child.path, t.getKeyNode()).error("duplicate field");
            }
        }
        entries = out;
        return out;
    }

    /** Refuses any key not in {@code allowed}, suggesting the closest allowed one. */
    public YamlNode allowOnly(Set<String> allowed) {
        Map<String, YamlNode> e = entries();
        for (Map.Entry<String, YamlNode> kv : e.entrySet()) {
            if (!allowed.contains(kv.getKey())) {
                throw kv.getValue().error(unknown("unknown field", kv.getKey(), allowed));
            }
        }
        return this;
    }

    /** This scalar's text if it is one of {@code allowed}; otherwise an error suggesting the closest. */
    public String oneOf(Set<String> allowed) {
        String v = text();
        if (!allowed.contains(v)) {
            throw error(unknown("unknown value '" + v + "'", v, allowed));
        }
        return v;
    }

    /** "WHAT (did you mean 'X'?); allowed here: ..." for a key or value not in {@code allowed}. */
    private static String unknown(String what, String given, Set<String> allowed) {
        String close = closest(given, allowed);
        return what + (close == null ? "" : " (did you mean '" + close + "'?)") + "; allowed here: "
                + String.join(", ", allowed.stream().sorted().toList());
    }

    /** Whether this node is a single value (not a mapping or a list). */
    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean has(String key) {
        return entries().containsKey(key);
    }

    public YamlNode get(String key) {
        YamlNode child = entries().get(key);
        if (child == null) {
            throw error("missing field '" + key + "'");
        }
        return child;
    }

    public Optional<YamlNode> find(String key) {
        return Optional.ofNullable(entries().get(key));
    }

    public List<String> keys() {
        return List.copyOf(entries().keySet());
    }

    public List<YamlNode> list() {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", s.getValue().get(i)));
        }
        return out;
    }

    public String text() {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected a single value");
        }
        return s.getValue();
    }

    public double number() {
        try {
            double v = Double.parseDouble(text().strip());
            if (!Double.isFinite(v)) {
                throw error("must be a finite number, got '" + text() + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("must be a number, got '" + text() + "'");
        }
    }

    /** A number within [min, max]. */
    public double number(double min, double max) {
        double v = number();
        if (v < min || v > max) {
            throw error("must be within " + min + " .. " + max + ", got " + v);
        }
        return v;
    }

    public long integer(long min, long max) {
        String t = text().strip();
        try {
            long v = Long.parseLong(t);
            if (v < min || v > max) {
                throw error("must be an integer within " + min + " .. " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("must be an integer, got '" + t + "'");
        }
    }

    public boolean bool() {
        return switch (text().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("must be true or false, got '" + text() + "'");
        };
    }

    /** A value with a unit, in SI; must be > 0 unless {@code zeroAllowed}. */
    public double quantity(Quantity q, boolean zeroAllowed) {
        double v;
        try {
            v = q.parse(text());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (v < 0 || (!zeroAllowed && v == 0)) {
            throw error("must be " + (zeroAllowed ? ">= 0" : "> 0") + ", got '" + text() + "'");
        }
        return v;
    }

    public double quantity(Quantity q) {
        return quantity(q, false);
    }

    static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        // In sorted order, so that of two keys equally close the same one is suggested in every run (a Set's
        // iteration order changes from one JVM to the next).
        for (String a : new java.util.TreeSet<>(allowed)) {
            int d = distance(key.toLowerCase(), a.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return bestD <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
