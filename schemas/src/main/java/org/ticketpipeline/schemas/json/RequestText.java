package org.ticketpipeline.schemas.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body's bytes as text, in the charset its Content-Type names, as every service reads one. Decoded
 * here rather than by the framework, which puts a replacement character where a byte is not UTF-8: a sender
 * of Latin-1 would have had "café" kept as "caf\uFFFD" without a word, and an unknown charset was a 500.
 */
public final class RequestText {

    /** What is wrong with a body's bytes: {@code status} 415 for a charset not known, 400 for bytes not in it. */
    public static final class Unreadable extends Exception {
        private final int status;
        private final String title;

        Unreadable(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    /** A charset parameter, quoted or not, in any case: {@code application/json; Charset="utf-8"}. */
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

    private RequestText() {
    }

    /**
     * The body as text, without the byte-order mark a file saved by Notepad or PowerShell and sent with
     * {@code --data-binary} starts with.
     */
    public static String of(byte[] body, String contentType) throws Unreadable {
        String text = decode(body == null ? new byte[0] : body, charsetOf(contentType));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The charset a Content-Type names, UTF-8 when it names none. Read here rather than by the framework's
     * media type, which keeps a quoted value's quotes and so knows no {@code charset="utf-8"}.
     */
    public static Charset charsetOf(String contentType) throws Unreadable {
        Matcher m = contentType == null ? null : CHARSET.matcher(contentType);
        if (m == null || !m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalArgumentException unknown) {
            throw new Unreadable(415, "Unknown charset",
                    "Content-Type names a charset this service does not know ("
                            + (m.group(1).length() <= 40 ? m.group(1) : m.group(1).substring(0, 40) + "…") + "); send UTF-8");
        }
    }

    /** The body as text in {@code charset}, or where it is not. */
    public static String decode(byte[] body, Charset charset) throws Unreadable {
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
            throw new Unreadable(400, "Not " + charset.name(), "the body is not valid " + charset.name() + " at byte " + at + " (0x"
                    + String.format("%02X", body[Math.min(at, body.length - 1)] & 0xFF)
                    + "); send the text as UTF-8, or name its charset in Content-Type (application/json; charset=...)");
        }
        return out.flip().toString();
    }
}
