package io.airsync.mapping;

import java.util.List;

/**
 * A mapping that cannot be used; the message names the file, table and field. When a whole file was validated,
 * {@link #problems()} lists every problem found (one line each, each naming file, line, table and field).
 */
public class MappingException extends RuntimeException {
    private final List<String> problems;

    public MappingException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public MappingException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one self-contained line each. */
    public List<String> problems() {
        return problems;
    }
}
