/**
 * Capture: what was fetched from a platform, exactly as it arrived. A
 * {@link dev.clausewatch.capture.Snapshot} holds the raw bytes' hash, media type and capture
 * metadata (URL, final URL, status, headers, time). Snapshots are immutable evidence; extraction
 * turns them into versions downstream.
 *
 * <p>Imports only {@code dev.clausewatch.registry}.
 */
package dev.clausewatch.capture;
