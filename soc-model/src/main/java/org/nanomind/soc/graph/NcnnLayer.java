package org.nanomind.soc.graph;

import java.util.List;
import java.util.Map;
import org.nanomind.soc.InputException;

/**
 * One line of an ncnn .param file: the layer's type and name, the blobs it reads and writes, and its
 * {@code key=value} parameters. Keys at or below -23300 are arrays: key -23300 - i holds array parameter i
 * as "count,v1,v2,...". Accessors take the layer's documented default, as ncnn's ParamDict does.
 */
record NcnnLayer(String file, int line, String type, String name, List<String> bottoms, List<String> tops,
                 Map<Integer, String> values, Map<Integer, List<String>> arrays) {

    int integer(int id, int fallback) {
        String v = values.get(id);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error("parameter " + id + " must be an integer, got '" + v + "'");
        }
    }

    float real(int id, float fallback) {
        String v = values.get(id);
        if (v == null) {
            return fallback;
        }
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw error("parameter " + id + " must be a number, got '" + v + "'");
        }
    }

    /** Array parameter {@code id} as integers (empty when absent). */
    int[] ints(int id) {
        List<String> a = arrays.get(id);
        if (a == null) {
            return new int[0];
        }
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            try {
                r[i] = Integer.parseInt(a.get(i));
            } catch (NumberFormatException e) {
                throw error("array parameter " + id + " must hold integers, got '" + a.get(i) + "'");
            }
        }
        return r;
    }

    /** The number of values in array parameter {@code id} (0 when absent). */
    int count(int id) {
        List<String> a = arrays.get(id);
        return a == null ? 0 : a.size();
    }

    InputException error(String problem) {
        return new InputException(file, line, 1, name, type + ": " + problem);
    }
}
