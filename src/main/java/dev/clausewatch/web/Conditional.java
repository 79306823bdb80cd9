package dev.clausewatch.web;

import dev.clausewatch.capture.Sha256;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Conditional requests (RFC 9110 §13): a strong ETag on every successful GET and HEAD, the SHA-256
 * of the body sent, so it changes exactly when the representation does; {@code Last-Modified} where
 * the derived records date the answer; 304 when the client already holds it, decided once the
 * answer is known to be a 200. {@code If-None-Match} wins over {@code If-Modified-Since} (§13.2.2).
 */
final class Conditional {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private Conditional() {}

    /** Dates the response: {@code Last-Modified}, which {@link #tag} then checks against {@code If-Modified-Since}. */
    static void datedBy(Context ctx, Instant lastModified) {
        ctx.header("Last-Modified", HTTP_DATE.format(lastModified.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC)));
    }

    /** Whether the response's date is no later than the client's copy (only asked when no ETag was sent). */
    private static boolean unmodifiedSince(Context ctx) {
        String lastModified = ctx.res().getHeader("Last-Modified");
        String since = ctx.header("If-Modified-Since");
        if (lastModified == null || since == null) return false;
        try {
            return !ZonedDateTime.parse(lastModified, HTTP_DATE).isAfter(ZonedDateTime.parse(since.strip(), HTTP_DATE));
        } catch (DateTimeParseException e) {
            return false; // an unreadable date is ignored (§13.1.3)
        }
    }

    /** Answers 304 with the validators and no body. */
    static void notModified(Context ctx) {
        ctx.status(HttpStatus.NOT_MODIFIED).result(new byte[0]);
        ctx.res().setContentType(null);
    }

    /** After the handler, on a 200: the body's ETag, and 304 instead of the body when the client's copy is current (by tag, else by date). */
    static void tag(Context ctx) {
        if (!readsOnly(ctx) || ctx.statusCode() != 200 || ctx.res().getHeader("ETag") != null) return;
        if (!(ctx.resultInputStream() instanceof ByteArrayInputStream stream)) return; // streamed: nothing to hash
        byte[] body = stream.readAllBytes();
        ctx.result(body);
        String etag = "\"" + Sha256.of(body) + "\"";
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        // If-None-Match, when sent, decides alone (RFC 9110 §13.2.2); the date only without it.
        if (ifNoneMatch != null ? matches(ifNoneMatch, etag) : unmodifiedSince(ctx)) notModified(ctx);
    }

    /** Weak comparison (§13.1.2): {@code *} or any listed tag equal to ours once {@code W/} is set aside. */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) return true;
        }
        return false;
    }

    private static boolean readsOnly(Context ctx) {
        return ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    }
}
