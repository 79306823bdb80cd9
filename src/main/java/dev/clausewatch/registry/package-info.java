/**
 * The registry: which platforms Clausewatch watches, their documents (a platform plus a
 * {@link dev.clausewatch.registry.DocumentType} from a controlled vocabulary), and the source
 * declarations that say where each document is published and how to extract it, with their
 * history ({@code validUntil}). Also reads Open Terms Archive declaration files, and holds the
 * JSON Schemas input files are checked against ({@link dev.clausewatch.registry.InputSchema}).
 *
 * <p>Upstream of everything: imports no other Clausewatch package.
 */
package dev.clausewatch.registry;
