/**
 * The web layer: a Javalin server with the JSON API under {@code /api/v1} (platforms, documents,
 * versions and the version in force at a date, provisions, changes between versions). Handlers
 * are thin: they parse, call the workspace's services and map; errors become
 * {@code {status, title, detail}} in one place, and a 404's detail is a sentence.
 *
 * <p>Downstream of every domain package; only the command line imports it.
 */
package dev.clausewatch.web;
