/**
 * Governance analysis: which topics a provision belongs to (with confidence and evidence), and for
 * each provision an analysis traceable to its sources: the topic, the regulation ids of the
 * knowledge data, or the provision's own words. Deterministic: the same provision and knowledge
 * always give the same analysis.
 *
 * <p>Imports {@code knowledge} and {@code provision}.
 */
package dev.clausewatch.analysis;
