package dev.clausewatch.knowledge;

import java.util.List;

/**
 * A governance provision topic: what such provisions do, the phrases that signal them, the
 * regulations that bear on them (each with why), who they affect, and the corresponding
 * CLAUDETTE categories and OPP-115 practices.
 */
public record Topic(String id, String title, String description, List<String> triggerPhrases, List<RegulationLink> regulations,
                    List<String> affectedParties, List<String> claudette, List<String> opp115) {
    /** A regulation linked to a topic, with the reason it bears on provisions of that topic. */
    public record RegulationLink(String regulationId, String why) {
        /** The key provisions of {@code regulation} that the reason cites ("Art. 5", "s.68"). */
        public List<Regulation.KeyProvision> cites(Regulation regulation) {
            List<Regulation.KeyProvision> cited = new java.util.ArrayList<>();
            for (Regulation.KeyProvision k : regulation.keyProvisions()) {
                for (String part : k.ref().split(" \\+ | / ")) {
                    if (why.matches(".*\\b" + java.util.regex.Pattern.quote(part.strip()) + "(?![\\d(]).*")) {
                        cited.add(k);
                        break;
                    }
                }
            }
            return cited;
        }
    }

    public Topic {
        triggerPhrases = List.copyOf(triggerPhrases);
        regulations = List.copyOf(regulations);
        affectedParties = List.copyOf(affectedParties);
        claudette = List.copyOf(claudette);
        opp115 = List.copyOf(opp115);
    }
}
