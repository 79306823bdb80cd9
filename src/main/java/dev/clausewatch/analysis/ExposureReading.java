package dev.clausewatch.analysis;

import dev.clausewatch.analysis.ProvisionAnalysis.Exposure;
import dev.clausewatch.analysis.ProvisionAnalysis.Level;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A provision's exposure, read from its wording, with each reason that added to it or took from it. */
final class ExposureReading {
    private static final List<String> DISCRETION = List.of("at any time", "sole discretion", "without notice", "for any reason",
            "irrevocable", "perpetual", "waive", "from time to time", "we may change", "we may modify", "we may suspend", "without liability");
    private static final int HIGH = 5, MEDIUM = 3;
    /** A topic that this many instruments bear on is a heavily regulated subject. */
    private static final int HEAVILY_REGULATED = 8;
    private static final java.util.regex.Pattern NOTICE = java.util.regex.Pattern.compile("\\b(?:\\d+|thirty|fourteen|seven)\\s+days'?\\s+(?:prior\\s+)?(?:written\\s+)?notice|notify you in advance|advance notice|you (?:may|can) (?:terminate|cancel|close)");
    private static final java.util.regex.Pattern WAIVER = java.util.regex.Pattern.compile("\\bindemnif\\w*|\\bwaive\\w*|class action|binding arbitration|hold harmless");

    private ExposureReading() {}

    /**
     * Exposure from the wording: a right the provider keeps (more with "at any time", "without
     * notice"; less with a notice period or your right to leave), a duty or a limit put on you, a
     * remedy you give up, a heavily regulated subject, rules that sit in another document; a
     * commitment the provider makes lowers it. Not how many regulations a topic links to.
     */
    static Exposure of(Provision provision, Reading reading, List<Topic> topics, List<Reference> binding) {
        List<String> reasons = new ArrayList<>();
        int points = 0;
        String lower = provision.text().toLowerCase(Locale.ROOT);
        if (reading.has(Reading.Party.PROVIDER, Reading.Modality.MAY)) {
            points += 2;
            reasons.add("+2 the provider keeps a right to act: '" + Prose.quote(first(reading, Reading.Party.PROVIDER, Reading.Modality.MAY)) + "'");
            for (String phrase : DISCRETION) {
                if (lower.contains(phrase)) {
                    points++;
                    reasons.add("+1 on its own terms: \"" + phrase + "\"");
                }
            }
            if (NOTICE.matcher(lower).find()) {
                points--;
                reasons.add("-1 a notice period or your right to end the agreement softens it");
            }
        }
        if (reading.has(Reading.Party.YOU, Reading.Modality.MUST)) {
            points += 2;
            reasons.add("+2 it puts a duty on you: '" + Prose.quote(first(reading, Reading.Party.YOU, Reading.Modality.MUST)) + "'");
        }
        if (reading.has(Reading.Party.YOU, Reading.Modality.MUST_NOT)) {
            points++;
            reasons.add("+1 it limits your conduct: '" + Prose.quote(first(reading, Reading.Party.YOU, Reading.Modality.MUST_NOT))
                    + "' (a rule for users, not the provider's own practice)");
        }
        if (WAIVER.matcher(lower).find()) {
            points++;
            reasons.add("+1 you give up a remedy or carry others' claims (" + WAIVER.matcher(lower).results().findFirst().orElseThrow().group() + ")");
        }
        if (reading.has(Reading.Party.PROVIDER, Reading.Modality.WILL_NOT) || reading.has(Reading.Party.PROVIDER, Reading.Modality.WILL)) {
            points--;
            reasons.add("-1 the provider commits itself: '" + Prose.quote(reading.statements().stream().filter(s -> s.party() == Reading.Party.PROVIDER
                    && s.modality() != Reading.Modality.MAY).findFirst().orElseThrow().action()) + "'");
        }
        var regulated = topics.stream().filter(t -> t.regulations().size() >= HEAVILY_REGULATED).findFirst();
        if (regulated.isPresent()) {
            points++;
            reasons.add("+1 a heavily regulated subject: " + regulated.get().title() + " (" + regulated.get().regulations().size() + " instruments)");
        }
        for (Reference r : binding) {
            points++;
            reasons.add(r.partOfTarget() ? "+1 part of " + r.targetLabel() + ": this text applies together with rules that sit outside it"
                    : "+1 incorporates " + r.targetLabel() + ": its rules apply but sit outside this text");
        }
        if (topics.isEmpty()) reasons.add("no governance topic recognised in this provision");
        if (reading.bindsNoOne() && binding.isEmpty()) reasons.add("it binds no one by its own words: it describes or defines");
        Level level = points >= HIGH ? Level.HIGH : points >= MEDIUM ? Level.MEDIUM : Level.LOW;
        return new Exposure(level, Math.max(0, points), reasons);
    }

    private static String first(Reading reading, Reading.Party party, Reading.Modality modality) {
        return reading.statements().stream().filter(s -> s.party() == party && s.modality() == modality).findFirst().orElseThrow().action();
    }
}
