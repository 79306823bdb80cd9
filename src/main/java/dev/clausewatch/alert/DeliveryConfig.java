package dev.clausewatch.alert;

import java.util.Map;
import java.util.Optional;

/**
 * How alerts leave: the SMTP server and sender address for e-mail, the address of this
 * Clausewatch for links, and whether webhooks may point at loopback (tests only). Read from the
 * environment: {@code CLAUSEWATCH_SMTP} ({@code host} or {@code host:port}, no e-mail without it),
 * {@code CLAUSEWATCH_MAIL_FROM}, {@code CLAUSEWATCH_BASE_URL}, {@code CLAUSEWATCH_RETRY} ({@link RetryPolicy}).
 */
public record DeliveryConfig(Optional<String> smtpHost, int smtpPort, String from, String baseUrl, boolean allowLoopback, RetryPolicy retry) {
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    public static DeliveryConfig fromEnvironment(Map<String, String> env) {
        Optional<String> smtp = Optional.ofNullable(env.get("CLAUSEWATCH_SMTP")).map(String::strip).filter(s -> !s.isEmpty());
        String host = smtp.map(s -> s.contains(":") ? s.substring(0, s.lastIndexOf(':')) : s).orElse(null);
        int port = 25;
        if (smtp.isPresent() && smtp.get().contains(":")) {
            String digits = smtp.get().substring(smtp.get().lastIndexOf(':') + 1);
            if (!digits.matches("\\d{1,5}")) {
                throw new IllegalArgumentException("CLAUSEWATCH_SMTP=" + smtp.get() + " is not host:port (the port is a number)");
            }
            port = Integer.parseInt(digits);
        }
        String base = env.getOrDefault("CLAUSEWATCH_BASE_URL", DEFAULT_BASE_URL).replaceAll("/+$", "");
        RetryPolicy retry = Optional.ofNullable(env.get("CLAUSEWATCH_RETRY")).map(RetryPolicy::parse).orElse(RetryPolicy.DEFAULT);
        return new DeliveryConfig(Optional.ofNullable(host), port, env.getOrDefault("CLAUSEWATCH_MAIL_FROM", "alerts@localhost"), base, false, retry);
    }

    /** The same, allowing webhooks to loopback receivers (tests). */
    public DeliveryConfig withLoopbackAllowed() {
        return new DeliveryConfig(smtpHost, smtpPort, from, baseUrl, true, retry);
    }

    /** The same, sending e-mail through {@code host:port}. */
    public DeliveryConfig withSmtp(String host, int port) {
        return new DeliveryConfig(Optional.of(host), port, from, baseUrl, allowLoopback, retry);
    }
}
