package dev.clausewatch.analysis;

import java.util.List;

/**
 * The analysis of one provision, every part traceable: what it means and who it affects (from the
 * topics' descriptions and affected parties and the documents it incorporates), topics (with evidence), exposure with the
 * reasons that produced it, the regulatory landscape (the few instruments that bear most on it, each
 * once: regulation ids, articles, why each bears on the topic, verification level; the others named in
 * {@code moreInstruments}), jurisdiction flags, contract and vendor implications,
 * compliance considerations, action items, the documents it incorporates, an interpretive note,
 * the date of the knowledge used, and a disclaimer.
 */
public record ProvisionAnalysis(String provisionId, String location, String quote, List<String> meaning, List<String> affects,
                                List<TopicMatch> topics, Exposure exposure,
                                List<RegulatoryPoint> landscape, List<String> moreInstruments, List<String> jurisdictionFlags, List<String> contractImplications,
                                List<String> complianceConsiderations, List<String> actionItems, List<Incorporation> incorporations,
                                String interpretiveNote, String knowledgeAsOf, String disclaimer) {

    public enum Level { LOW, MEDIUM, HIGH }

    /** The exposure level and each reason that added to it. */
    public record Exposure(Level level, int points, List<String> reasons) {}

    /** A regulation bearing on the provision through one of its topics. */
    public record RegulatoryPoint(String topicId, String regulationId, String name, String jurisdiction, String why, List<String> articles,
                                  String verification) {}

    /** A document the provision makes binding, and what it says on the provision's topics (when archived). */
    public record Incorporation(String target, String sentence, List<String> targetProvisionsOnSameTopics) {}
}
