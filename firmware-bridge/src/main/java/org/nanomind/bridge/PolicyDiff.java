package org.nanomind.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nanomind.soc.InputException;
import tools.jackson.databind.JsonNode;

/** Field by field, what differs between two policy artifacts: "path: old -> new". */
public final class PolicyDiff {
    private PolicyDiff() {
    }

    /** An artifact from a file, signed (its payload; not verified) or plain. */
    public static PolicyArtifact load(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        JsonNode j;
        try {
            j = PolicyArtifact.json().readTree(b);
        } catch (RuntimeException e) {
            throw new InputException(file.toString(), 0, 0, "", "not JSON");
        }
        return j.has("payload") ? PolicyArtifact.parse(SignedPolicy.read(b, file.toString()).payload(), file.toString())
                : PolicyArtifact.parse(b, file.toString());
    }

    public static List<String> of(PolicyArtifact a, PolicyArtifact b) {
        List<String> out = new ArrayList<>();
        walk("", a.payload(), b.payload(), out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.propertyNames());
            keys.addAll(b.propertyNames());
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(path + ": " + (a == null ? "(none)" : a.toString()) + " -> " + (b == null ? "(none)" : b.toString()));
        }
    }
}
