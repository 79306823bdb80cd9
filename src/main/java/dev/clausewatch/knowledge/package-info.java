/**
 * Governance knowledge as versioned data: the provision topics (with trigger phrases, linked
 * regulations, affected parties, CLAUDETTE and OPP-115 correspondences) and the regulations fact
 * sheet (instruments, articles, dates, enforcers, penalties, verification levels), shipped as
 * {@code knowledge/topics.yaml} and {@code knowledge/regulations.yaml} and validated when loaded:
 * a file that breaks a rule is refused with its path and the rule.
 *
 * <p>Imports {@code registry} only (for its input-error type).
 */
package dev.clausewatch.knowledge;
