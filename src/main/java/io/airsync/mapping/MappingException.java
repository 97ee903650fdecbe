package io.airsync.mapping;

/** A mapping that cannot be used; the message names the file, table and field. */
public class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
