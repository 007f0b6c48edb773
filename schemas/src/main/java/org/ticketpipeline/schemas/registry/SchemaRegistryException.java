package org.ticketpipeline.schemas.registry;

/**
 * A schema registry call that failed, with the subject it was about and the registry's reason.
 * {@link #status()} is the HTTP status (409 incompatible, 422 invalid, 404 not found), or 0 when
 * the registry could not be reached at all.
 */
public class SchemaRegistryException extends RuntimeException {

    /** The Confluent API's error code for "schema not found": the registry knows no such id. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final String subject;
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String subject, int status, String reason, Throwable cause) {
        this(subject, status, -1, reason, cause);
    }

    /** @param errorCode the registry's {@code error_code}, or -1 when it gave none */
    public SchemaRegistryException(String subject, int status, int errorCode, String reason, Throwable cause) {
        super(describe(subject, status, reason), cause);
        this.subject = subject;
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String subject, int status, String reason) {
        this(subject, status, reason, null);
    }

    /** The registry's {@code error_code} (e.g. {@value #SCHEMA_NOT_FOUND}), or -1 when it gave none. */
    public int errorCode() {
        return errorCode;
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
