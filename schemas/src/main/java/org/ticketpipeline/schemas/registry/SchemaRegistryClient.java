package org.ticketpipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small, cached client for the Confluent Schema Registry REST API (also served by Apicurio's
 * {@code /apis/ccompat/v7}). Written here because Confluent's own Java client is not on Maven
 * Central, the only Java repository this project may depend on; it covers just what the pipeline
 * needs: register, get by id, latest version, compatibility check and per-subject compatibility.
 *
 * <p>Every schema id and registration is cached, so once a subject's schema is known the hot path
 * (serialise, deserialise) makes no HTTP call. Thread-safe.
 */
public class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<String, Boolean> compatibilitySet = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public SchemaRegistryClient(String baseUrl, Duration timeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry url is not set");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers the schema under the subject (or finds it already there) and answers its global id. */
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        int id = register(subject, schema.toString());
        schemasById.putIfAbsent(id, schema);
        idsBySubjectAndSchema.put(cacheKey, id);
        return id;
    }

    /** Registers a schema given as Avro JSON text; the registry judges whether it is valid (422 when not). */
    public int register(String subject, String schemaJson) {
        String body = JSON.createObjectNode().put("schema", schemaJson).toString();
        JsonNode answer = call(subject, "POST", "/subjects/" + encode(subject) + "/versions", body);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException(subject, 500, "registration answered no id: " + answer);
        }
        return id;
    }

    /** Sets the subject's compatibility level (BACKWARD, FORWARD, FULL, NONE...), once per client. */
    public void setCompatibility(String subject, String level) {
        if (compatibilitySet.containsKey(subject + '\u0000' + level)) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        call(subject, "PUT", "/config/" + encode(subject), body.toString());
        compatibilitySet.put(subject + '\u0000' + level, Boolean.TRUE);
    }

    /**
     * Gives the subject a compatibility level when it has none of its own, once per client: an operator's
     * stricter rule (FULL_TRANSITIVE) is not lowered by every service that starts writing to it.
     */
    public void setCompatibilityUnlessSet(String subject, String level) {
        if (compatibilitySet.containsKey(subject + '\u0000' + level)) {
            return;
        }
        if (compatibility(subject) == null) {
            setCompatibility(subject, level);
        } else {
            compatibilitySet.put(subject + '\u0000' + level, Boolean.TRUE);
        }
    }

    /** The subject's compatibility level, or null when the subject has none of its own. */
    public String compatibility(String subject) {
        try {
            JsonNode answer = call(subject, "GET", "/config/" + encode(subject), null);
            JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
            return level == null ? null : level.asText();
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The writer schema with this global id; cached forever, since ids are immutable. */
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("id " + id, "GET", "/schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /**
     * The subjects registered. Answered only by a schema registry: any other HTTP server (or a registry's
     * host without its API path) answers 404 or something that is not a list, which is an error here.
     */
    public java.util.List<String> subjects() {
        JsonNode answer = call("subjects", "GET", "/subjects", null);
        if (!answer.isArray()) {
            throw new SchemaRegistryException("subjects", 200, "not a schema registry: GET /subjects did not answer a list", null);
        }
        java.util.List<String> subjects = new java.util.ArrayList<>();
        answer.forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    /** The latest registered version of a subject. */
    public RegisteredSchema latest(String subject) {
        JsonNode answer = call(subject, "GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
    }

    /** Whether the schema could be registered under the subject given its compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = call(subject, "POST",
                "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    /** A subject's registered schema with its version and global id. */
    public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    /** Tries a lookup this many times in all when the registry answers 5xx or the connection fails (not on a timeout). */
    static final int LOOKUP_TRIES = 3;

    /**
     * A call, and for a lookup (GET) up to {@link #LOOKUP_TRIES} in all over about a second: a registry
     * restarting or a proxy's one 502 would otherwise fail the classifier's stream thread, and under
     * exactly-once a failed thread's state is rebuilt from its changelogs. A write is not repeated here
     * (the serializer has its own rule), nor a call that timed out (it has waited its 10 s already).
     */
    private JsonNode call(String subject, String method, String path, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return callOnce(subject, method, path, body);
            } catch (SchemaRegistryException e) {
                boolean passing = e.status() >= 500 || e.isUnreachable() && e.getCause() instanceof java.io.IOException
                        && !(e.getCause() instanceof java.net.http.HttpTimeoutException);
                if (!"GET".equals(method) || !passing || attempt >= LOOKUP_TRIES) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private JsonNode callOnce(String subject, String method, String path, String body) {
        HttpResponse<String> response;
        try {
            response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // a URL the HTTP client cannot call (a host with an underscore, a space): the registry cannot be
            // reached, as when it is down, so no record is put aside for it
            throw new SchemaRegistryException(subject, 0, baseUrl + " cannot be called: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemaRegistryException(subject, 0, baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(subject, 0, "interrupted while calling " + baseUrl, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(subject, response.statusCode(), errorCodeOf(response.body()), reasonOf(response.body()), null);
        }
        try {
            return response.body() == null || response.body().isBlank()
                    ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(subject, response.statusCode(), "unreadable answer: " + response.body(), e);
        }
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static int errorCodeOf(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error != null && error.path("error_code").canConvertToInt() ? error.path("error_code").asInt() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String reasonOf(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error.hasNonNull("message")) {
                return error.get("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the raw body is the best reason we have
        }
        return body == null || body.isBlank() ? "(no reason given)" : body;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
