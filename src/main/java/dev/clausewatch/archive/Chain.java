package dev.clausewatch.archive;

import dev.clausewatch.capture.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * Hash links of the tamper-evident chains. Every field is written with its length in front, so no
 * two different field lists can hash alike, and instants in one fixed form (UTC, milliseconds).
 */
public final class Chain {
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Chain() {}

    static String link(String previousHash, String... fields) {
        MessageDigest digest = Sha256.digest();
        update(digest, previousHash == null ? "" : previousHash);
        for (String field : fields) update(digest, field == null ? "" : field);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    /** The one textual form of an instant in hashes and storage: fixed width, so it also sorts. */
    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    public static Instant parseInstant(String text) {
        return Instant.parse(text);
    }

    /** Instants are kept to the millisecond everywhere, so they survive every store unchanged. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static String canonical(Map<String, String> details) {
        StringBuilder text = new StringBuilder();
        details.forEach((k, v) -> text.append(k.length()).append(':').append(k).append(v.length()).append(':').append(v));
        return text.toString();
    }
}
