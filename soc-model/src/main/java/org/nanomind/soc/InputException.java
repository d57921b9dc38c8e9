package org.nanomind.soc;

/**
 * Bad input with its place: file, line and column (1-based; 0 when unknown), the field's path, and what
 * is wrong or allowed. The CLI prints {@link #getMessage()} as its one line.
 */
public final class InputException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    public InputException(String file, int line, int column, String field, String problem) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + (field.isEmpty() ? "" : "'" + field + "': ") + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    /** What is wrong, without the place; with the field when there is one. */
    public String problem() {
        return (field.isEmpty() ? "" : "'" + field + "': ") + problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String field() {
        return field;
    }
}
