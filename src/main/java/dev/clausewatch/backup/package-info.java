/**
 * Backups of a whole store (rows, blobs and the log's signing key) into a folder, and their
 * restoration into an empty store. A backup is a consistent snapshot taken while the store is in
 * use, described by a manifest that names every file with its SHA-256, so a damaged or altered
 * backup is refused before anything is written. Like storage and cli, this is an edge: no domain
 * package imports it.
 */
package dev.clausewatch.backup;
