package org.nanomind.scenarios;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A scenario file as a tree that sweep axes edit: a path names a field ({@code workload.rate_per_hour}),
 * a list element by index or by its name ({@code bricks[2]}, {@code bricks[qwen2-0.5b]}), and the edited
 * tree is written out and read back by {@link ScenarioFile}, so an edited scenario is checked exactly as a
 * file would be. Map fields that do not exist yet are created ({@code limits.gpu}).
 */
final class ScenarioEdit {
    private final Object base;
    private final String name;
    private final Path dir;

    ScenarioEdit(String text, String name, Path dir) {
        this.base = new Load(LoadSettings.builder().build()).loadFromString(text);
        this.name = name;
        this.dir = dir;
    }

    /** The scenario with every field of {@code values} set, checked; {@code label} names it in errors. */
    Scenario apply(Map<String, Object> values, String label) {
        Object tree = copy(base);
        values.forEach((path, v) -> set(tree, path, v));
        String text = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(tree);
        return ScenarioFile.parse(text, label, dir);
    }

    /** Sets the field {@code path} of {@code tree} to {@code value}; a missing map field is created. */
    static void set(Object tree, String path, Object value) {
        String[] parts = parts(path);
        Object at = tree;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            String key = p;
            String sel = null;
            int b = p.indexOf('[');
            if (b >= 0) {
                if (!p.endsWith("]")) {
                    throw new IllegalArgumentException("'" + p + "' in '" + path + "': a selector is [index] or [name]");
                }
                key = p.substring(0, b);
                sel = p.substring(b + 1, p.length() - 1);
            }
            if (!(at instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("'" + path + "': '" + String.join(".", List.of(parts).subList(0, i))
                        + "' is not a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) m;
            boolean last = i == parts.length - 1;
            if (sel == null && last) {
                map.put(key, value);
                return;
            }
            Object next = map.get(key);
            if (next == null && sel == null) {
                next = new LinkedHashMap<>();
                map.put(key, next);
            }
            if (sel != null) {
                if (!(next instanceof List<?> list)) {
                    throw new IllegalArgumentException("'" + path + "': '" + key + "' is not a list");
                }
                int index = find(list, sel, path);
                if (last) {
                    @SuppressWarnings("unchecked")
                    List<Object> l = (List<Object>) list;
                    l.set(index, value);
                    return;
                }
                next = list.get(index);
            }
            at = next;
        }
    }

    /** The dot-separated parts of a path; a dot inside [...] (a name such as qwen2-0.5b) does not split. */
    static String[] parts(String path) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder b = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '.' && depth == 0) {
                out.add(b.toString());
                b.setLength(0);
                continue;
            }
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            b.append(c);
        }
        out.add(b.toString());
        return out.toArray(new String[0]);
    }

    private static int find(List<?> list, String sel, String path) {
        if (sel.matches("\\d+")) {
            int i = Integer.parseInt(sel);
            if (i >= list.size()) {
                throw new IllegalArgumentException("'" + path + "': index " + i + " but the list has " + list.size());
            }
            return i;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m && m.get("name") != null) {
                if (m.get("name").toString().equals(sel)) {
                    return i;
                }
                names.add(m.get("name").toString());
            }
        }
        throw new IllegalArgumentException("'" + path + "': no element named '" + sel + "' (there are " + names + ")");
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(k, copy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return o;
    }

    String name() {
        return name;
    }
}
