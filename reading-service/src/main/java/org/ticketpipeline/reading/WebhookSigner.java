package org.ticketpipeline.reading;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures: {@code X-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code X-Timestamp} in epoch seconds, so a receiver can check the sender and refuse replays; and
 * {@code X-Signature-V2}, which covers the {@code Idempotency-Key} too.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        return hmac(secret, timestampSeconds + "." + body);
    }

    /**
     * {@code X-Signature-V2}: over the timestamp, the {@code Idempotency-Key} and the body, so that a call captured
     * on its way (an http:// hook) cannot be sent again under another key, which a receiver would count twice,
     * nor under the key of a reading to come, which it would then drop as already had.
     */
    public static String signWithKey(String secret, long timestampSeconds, String idempotencyKey, String body) {
        return hmac(secret, timestampSeconds + "." + idempotencyKey + "." + body);
    }

    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
