package dev.clausewatch.web;

/** The body of every error response: the status, its title, and a sentence saying what went wrong. */
public record ApiError(int status, String title, String detail) {}
