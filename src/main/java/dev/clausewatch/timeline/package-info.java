/**
 * Governance timelines: changes placed on a time axis, one row per document or platform, nearby
 * changes grouped with their count. Geometry only ({@link dev.clausewatch.timeline.TimelineChart}),
 * drawn as SVG by the pages and as PNG by the reports.
 */
package dev.clausewatch.timeline;
