/**
 * Discovery of governance documents not yet in the registry: links on the pages already captured
 * (snapshots, and the links kept in archived versions) whose words or addresses name a policy,
 * terms, guidelines or a model card, on the platform's own sites, offered as proposals. A proposal
 * is only declared, and so captured, when an administrator accepts it.
 *
 * <p>Imports {@code registry} and {@code archive}.
 */
package dev.clausewatch.discovery;
