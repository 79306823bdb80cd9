package dev.clausewatch.alert;

/** An organisation: every watch, channel and alert belongs to exactly one. */
public record Organisation(String id, String name, Plan plan) {}
