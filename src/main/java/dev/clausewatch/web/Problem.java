package dev.clausewatch.web;

/**
 * The body of every API error: problem details (RFC 9457), sent as {@code application/problem+json}.
 * {@code type} is {@code about:blank} because each of our errors means what its status means
 * (RFC 9457 §4.2.1); {@code detail} is the sentence saying what was asked and what is wrong with
 * it; {@code instance} is the request it answers.
 */
public record Problem(String type, String title, int status, String detail, String instance) {
    static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance);
    }
}
