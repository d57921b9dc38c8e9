package org.nanomind.kernels;

/** A GGUF file that breaks the format, with the field and byte offset where it does. */
public final class GgufFormatException extends RuntimeException {
    private final String source;
    private final String field;
    private final long offset;

    public GgufFormatException(String source, String field, long offset, String problem) {
        super(source + ": " + field + " at byte " + offset + ": " + problem);
        this.source = source;
        this.field = field;
        this.offset = offset;
    }

    public String source() {
        return source;
    }

    public String field() {
        return field;
    }

    public long offset() {
        return offset;
    }
}
