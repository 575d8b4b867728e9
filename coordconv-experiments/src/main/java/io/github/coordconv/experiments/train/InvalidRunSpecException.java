package io.github.coordconv.experiments.train;

/**
 * Thrown when a run spec file is not valid JSON or a field is missing, unknown or invalid. The
 * message names the file, the field (as a dotted path such as {@code optimizer.beta2}) and the
 * valid values.
 */
public class InvalidRunSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** Creates the exception for {@code field} ({@code null} when no single field is at fault). */
    public InvalidRunSpecException(String message, String field, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** Returns the dotted path of the invalid field, or {@code null} for malformed JSON. */
    public String field() {
        return field;
    }
}
