/**
 * Governance knowledge as versioned data: the provision topics (with trigger phrases, linked
 * regulations, affected parties, CLAUDETTE and OPP-115 correspondences) and the regulations fact
 * sheet (instruments, articles, dates, enforcers, penalties, verification levels), shipped as
 * {@code knowledge/topics.yaml} and {@code knowledge/regulations.yaml} and validated when loaded,
 * against the JSON Schemas {@code schema/knowledge-*.schema.json} and then across the files: a
 * file that breaks a rule is refused with its path, the JSON pointer of the bad value and the rule.
 *
 * <p>Imports {@code registry} only (for its input schemas and input-error type).
 */
package dev.clausewatch.knowledge;
