package org.ticketpipeline.schemas.registry;

/**
 * A schema registry call that failed, with the subject it was about and the registry's reason.
 * {@link #status()} is the HTTP status (409 incompatible, 422 invalid, 404 not found), or 0 when
 * the registry could not be reached at all.
 */
public class SchemaRegistryException extends RuntimeException {

    private final String subject;
    private final int status;

    public SchemaRegistryException(String subject, int status, String reason, Throwable cause) {
        super(describe(subject, status, reason), cause);
        this.subject = subject;
        this.status = status;
    }

    public SchemaRegistryException(String subject, int status, String reason) {
        this(subject, status, reason, null);
    }

    public String subject() {
        return subject;
    }

    public int status() {
        return status;
    }

    public boolean isUnreachable() {
        return status == 0;
    }

    private static String describe(String subject, int status, String reason) {
        String what = switch (status) {
            case 0 -> "schema registry unreachable";
            case 404 -> "not found in schema registry";
            case 409 -> "schema incompatible with the registered versions";
            case 422 -> "schema rejected as invalid";
            default -> "schema registry answered " + status;
        };
        return what + " (subject '" + subject + "'): " + reason;
    }
}
