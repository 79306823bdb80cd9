/**
 * Storage at the edge: the embedded SQLite database (default, in the data directory) or
 * PostgreSQL (when a JDBC URL says so), their Flyway migrations, and the Jdbi implementations
 * of {@link dev.clausewatch.registry.Registry} and {@link dev.clausewatch.archive.ArchiveStore}.
 * No domain package imports this one; the composition root chooses the store.
 */
package dev.clausewatch.storage;
