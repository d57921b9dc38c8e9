package org.nanomind.kernels;

import java.util.List;

/**
 * One metadata value of a GGUF file with its GGUF type. Integers are held as Long (unsigned ones
 * zero-extended), floats as Float or Double, arrays as a List of such values with their element type.
 */
public record GgufValue(Type type, Object value, Type elementType) {

    /** GGUF's value types and their numbers in the file. */
    public enum Type {
        UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
        STRING(8, 8), ARRAY(9, 12), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

        final int id;
        /** Fewest bytes one value takes in the file (a string's length field, an array's header). */
        final int minBytes;

        Type(int id, int minBytes) {
            this.id = id;
            this.minBytes = minBytes;
        }

        static Type byId(long id) {
            for (Type t : values()) {
                if (t.id == id) {
                    return t;
                }
            }
            return null;
        }
    }

    public static GgufValue of(String s) {
        return new GgufValue(Type.STRING, s, null);
    }

    public static GgufValue uint32(long v) {
        return new GgufValue(Type.UINT32, v, null);
    }

    public static GgufValue float32(float v) {
        return new GgufValue(Type.FLOAT32, v, null);
    }

    public static GgufValue array(Type elementType, List<?> values) {
        return new GgufValue(Type.ARRAY, List.copyOf(values), elementType);
    }

    public long asLong() {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("GGUF value of type " + type + " is not an integer");
    }

    public double asDouble() {
        return switch (value) {
            case Float f -> f;
            case Double d -> d;
            case Long l -> l;
            default -> throw new IllegalStateException("GGUF value of type " + type + " is not a number");
        };
    }

    public String asString() {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalStateException("GGUF value of type " + type + " is not a string");
    }

    @SuppressWarnings("unchecked")
    public List<Object> asList() {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalStateException("GGUF value of type " + type + " is not an array");
    }
}
