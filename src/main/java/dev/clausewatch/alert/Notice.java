package dev.clausewatch.alert;

/** What a delivery carries to a channel: one alert, or one weekly digest of many. */
public sealed interface Notice permits Alert, Digest {
    String id();

    String organisation();

    String subject();
}
