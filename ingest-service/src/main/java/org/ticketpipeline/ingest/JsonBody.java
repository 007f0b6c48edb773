package org.ticketpipeline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ticketpipeline.schemas.json.JsonRequestBodies;

/** Parses a request body as JSON, or says where and why it is malformed. */
final class JsonBody {

    private JsonBody() {
    }

    /** Thrown with a ready 400 problem. */
    static final class MalformedJson extends Exception {
        private final Problem problem;

        MalformedJson(Problem problem) {
            super(problem.extension().path("detail").asText(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    /**
     * The request's body, parsed. The controllers take the request rather than the body bound as a String:
     * the OpenAPI description then shows the object their annotations document, not a string. They take its
     * bytes because the framework's own decoding puts a replacement character where a byte is not UTF-8: a
     * connector sending Latin-1 would have had "café" stored as "caf\uFFFD" without a word.
     */
    static JsonNode parse(HttpRequest<byte[]> request) throws MalformedJson {
        return parse(decode(request.getBody().orElse(new byte[0]), charsetOf(request.getHeaders().get("Content-Type"))));
    }

    /** A charset parameter, quoted or not, in any case: {@code application/json; Charset="utf-8"}. */
    private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

    /**
     * The charset a Content-Type names, UTF-8 when it names none. Read here rather than by the framework's
     * media type, which keeps a quoted value's quotes and so knows no {@code charset="utf-8"}.
     */
    static Charset charsetOf(String contentType) throws MalformedJson {
        java.util.regex.Matcher m = contentType == null ? null : CHARSET.matcher(contentType);
        if (m == null || !m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalArgumentException unknown) {
            throw new MalformedJson(Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unknown charset",
                    "Content-Type names a charset this service does not know (" + m.group(1) + "); send UTF-8"));
        }
    }

    /** The body as text in the charset the request names (UTF-8 when it names none), or where it is not. */
    static String decode(byte[] body, Charset charset) throws MalformedJson {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Not " + charset.name(),
                    "the body is not valid " + charset.name() + " at byte " + at + " (0x"
                            + String.format("%02X", body[Math.min(at, body.length - 1)] & 0xFF)
                            + "); send the text as UTF-8, or name its charset in Content-Type (application/json; charset=...)"));
        }
        return out.flip().toString();
    }

    static JsonNode parse(String body) throws MalformedJson {
        // a file saved by Notepad or PowerShell and sent with --data-binary starts with a byte-order mark
        String json = body != null && body.startsWith("\uFEFF") ? body.substring(1) : body;
        if (json == null || json.isBlank()) {
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Empty body", "the request has no body; send a JSON object or array"));
        }
        try {
            return JsonRequestBodies.read(json);
        } catch (JsonProcessingException e) {
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON" + JsonRequestBodies.whatIsWrong(e)));
        }
    }
}
