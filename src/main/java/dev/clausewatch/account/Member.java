package dev.clausewatch.account;

/** A person in an organisation, with their role there. */
public record Member(User user, String organisation, Role role) {}
