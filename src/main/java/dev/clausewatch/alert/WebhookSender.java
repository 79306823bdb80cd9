package dev.clausewatch.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts an alert as JSON, signed the Standard Webhooks way: headers {@code webhook-id} (the
 * delivery's idempotency key), {@code webhook-timestamp} (seconds) and {@code webhook-signature}
 * ({@code v1,} and the Base64 HMAC-SHA256, keyed by the secret after its {@code whsec_} prefix, of
 * id, timestamp and body joined by dots). 2xx is delivered; 408, 429, 5xx and connection
 * failures are transient; anything else is permanent.
 */
public final class WebhookSender implements Sender {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http;
    private final Destinations destinations;
    private final Clock clock;

    public WebhookSender(HttpClient http, Destinations destinations, Clock clock) {
        this.http = http;
        this.destinations = destinations;
        this.clock = clock;
    }

    @Override
    public void send(Channel channel, Notice notice, String idempotencyKey) throws Failure {
        destinations.check(URI.create(channel.address()));
        String body = AlertText.json(notice);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.address())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("webhook-id", idempotencyKey)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(channel.secret().orElseThrow(), idempotencyKey, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        post(http, request, "the webhook at " + URI.create(channel.address()).getHost());
    }

    /** Posts; 2xx is delivered, 408, 429, 5xx and no answer are transient failures, anything else permanent. */
    static void post(HttpClient http, HttpRequest request, String address) throws Failure {
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new Failure("no answer from " + address + ": " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while posting to " + address, true);
        }
        if (status / 100 == 2) return;
        throw new Failure(address + " answered " + status, status == 408 || status == 429 || status >= 500);
    }

    /** The signature a receiver recomputes to check that the request came from us, unaltered. */
    public static String sign(String secret, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1)), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
