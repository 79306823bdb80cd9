package dev.clausewatch.account;

import java.time.Instant;

/** A person who signs in; the e-mail address is kept lower-case and is unique. */
public record User(String id, String email, String name, Instant createdAt) {}
