package dev.clausewatch.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an organisation is told: an e-mail address, a webhook URL whose requests are signed with
 * {@code secret} (Standard Webhooks: HMAC-SHA256 over id, timestamp and body), or a Slack incoming
 * webhook URL (the URL is the secret there: Slack does not verify signatures).
 */
public record Channel(String organisation, String id, Kind kind, String address, Optional<String> secret) {
    public enum Kind { EMAIL, WEBHOOK, SLACK }

    public Channel {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        if (kind == Kind.WEBHOOK && secret.isEmpty()) throw new IllegalArgumentException("a webhook channel needs a signing secret");
    }
}
