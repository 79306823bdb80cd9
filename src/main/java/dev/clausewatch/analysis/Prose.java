package dev.clausewatch.analysis;

import dev.clausewatch.analysis.Reading.Modality;
import dev.clausewatch.analysis.Reading.Party;
import dev.clausewatch.analysis.Reading.Statement;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.provision.Reference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sentences of an analysis, written from the {@link Reading} of the provision: what it requires,
 * forbids, allows or promises, of whom, on what conditions. A topic is named once, never defined
 * again; what differs between two provisions is what they say.
 */
final class Prose {
    /** At most this many statements of a provision are written out: the rest are in the quote. */
    private static final int STATEMENTS = 3;
    private static final int QUOTE_WORDS = 14;

    private Prose() {}

    static List<String> meaning(Reading reading, List<Topic> topics, List<Reference> binding, String provider) {
        List<String> sentences = new ArrayList<>();
        for (Reference r : binding) {
            sentences.add(r.partOfTarget()
                    ? "This document becomes part of the rules of " + r.targetLabel() + ": the two are read together, and what "
                            + r.targetLabel() + " requires changes whenever this text changes."
                    : "Incorporating " + r.targetLabel() + " makes its rules part of this document: what is required can change "
                            + "whenever " + r.targetLabel() + " changes, without an amendment of this text.");
        }
        for (Statement s : statements(reading)) sentences.add(sentence(s, provider));
        if (!topics.isEmpty()) sentences.add("Topic: " + String.join("; ", topics.stream().map(Topic::title).toList()) + ".");
        if (sentences.isEmpty()) sentences.add("No governance topic of the knowledge data was recognised in this provision, and it binds no one by its own words.");
        return sentences;
    }

    /** One statement in plain words, with its condition, exception and examples. */
    static String sentence(Statement s, String provider) {
        StringBuilder out = new StringBuilder(switch (s.party()) {
            case YOU -> switch (s.modality()) {
                case MUST, WILL -> "Requires you to " + s.action();
                case MUST_NOT, WILL_NOT -> "Forbids you to " + s.action();
                case MAY -> "Allows you to " + s.action();
            };
            case PROVIDER -> switch (s.modality()) {
                case MAY -> "Lets " + provider + " " + s.action();
                case MUST, WILL -> "Commits " + provider + " to this: " + s.action();
                case MUST_NOT, WILL_NOT -> "Says " + provider + " " + s.modal().toLowerCase(Locale.ROOT) + " " + s.action();
            };
            case OTHERS -> "Says " + s.subject() + " " + s.modal().toLowerCase(Locale.ROOT) + " " + s.action();
        });
        if (!s.conditions().isEmpty()) out.append(", ").append(lowerFirst(s.conditions().getFirst()));
        if (!s.exceptions().isEmpty()) out.append(", ").append(lowerFirst(s.exceptions().getFirst()));
        out.append('.');
        if (!s.examples().isEmpty()) out.append(" Its examples: ").append(s.examples().getFirst()).append('.');
        return out.toString().replace("..", ".");
    }

    /** Who the provision binds, then the groups its topics concern that it names itself. */
    static List<String> affects(Reading reading, List<Topic> topics, String provider) {
        Set<String> parties = new LinkedHashSet<>();
        for (Statement s : reading.statements()) {
            parties.add(switch (s.party()) {
                case YOU -> "you, as a user or customer of " + provider + (s.modality() == Modality.MUST_NOT ? " (a limit on your conduct)" : "");
                case PROVIDER -> provider + " (its own practice)";
                case OTHERS -> s.subject();
            });
        }
        return List.copyOf(parties);
    }

    static List<String> contractImplications(Reading reading, List<Topic> topics, List<Reference> binding, String provider) {
        List<String> implications = new ArrayList<>();
        for (Statement s : statements(reading)) {
            String quoted = "'" + quote(s.action()) + "'";
            implications.add(switch (s.party()) {
                case YOU -> switch (s.modality()) {
                    case MUST, WILL -> "An obligation you carry towards " + provider + ": " + quoted
                            + ". Where contractors or your own customers act for you, pass it on in your agreements with them.";
                    case MUST_NOT, WILL_NOT -> "A use restriction: " + quoted + ". A breach lets " + provider
                            + " act under its enforcement terms; write it into the rules your staff and end users follow.";
                    case MAY -> "A permission you can rely on: " + quoted + ". Keep the version that grants it: it can be withdrawn by a later change.";
                };
                case PROVIDER -> s.modality() == Modality.MAY
                        ? "A right " + provider + " keeps: " + quoted + ". Plan for its use: notice terms, exports or an alternative supplier."
                        : "A commitment by " + provider + ": " + quoted + ". Record it as something you rely on; a later version may narrow it.";
                case OTHERS -> "It concerns " + s.subject() + ": " + quoted + ". Check which of them act for you and what your agreements with them say.";
            });
        }
        for (Reference r : binding) {
            implications.add(r.partOfTarget()
                    ? "This document adds to the rules of " + r.targetLabel() + ": whoever is bound by it is bound by this too, and a change "
                            + "here changes what " + r.targetLabel() + " requires: \"" + shorten(r.sentence()) + "\""
                    : "Obligations of " + r.targetLabel() + " bind through this provision and can change without an amendment of "
                            + "this document: \"" + shorten(r.sentence()) + "\"");
        }
        if (implications.isEmpty() && !topics.isEmpty()) {
            implications.add("It binds no one by its own words; it matters through the provisions that rely on it ("
                    + topics.getFirst().title().toLowerCase(Locale.ROOT) + ").");
        }
        return implications;
    }

    /** What limits or widens the reading of this provision's own words. */
    static String interpretiveNote(Reading reading, List<Topic> topics, List<Reference> binding, String text) {
        if (!binding.isEmpty()) {
            return "The content of " + String.join(", ", binding.stream().map(Reference::targetLabel).distinct().toList())
                    + " is not reproduced in this provision; compliance obligations depend on that separately maintained document, "
                    + "which may be updated independently.";
        }
        if (topics.isEmpty() && reading.bindsNoOne()) return "No governance topic of the knowledge data was recognised in this provision.";
        for (Statement s : reading.statements()) {
            if (!s.conditions().isEmpty()) return "Whether it applies turns on its condition: '" + quote(s.conditions().getFirst()) + "'.";
            if (!s.exceptions().isEmpty()) return "Its exception narrows it: '" + quote(s.exceptions().getFirst()) + "'.";
            if (!s.examples().isEmpty()) return "Its examples ('" + quote(s.examples().getFirst()) + "') illustrate the rule; what they do not list may still be covered.";
        }
        if (reading.bindsNoOne()) return "It binds no one by its own words ('" + quote(text) + "'): it describes or defines, and takes effect through the provisions that use it.";
        return "Read from these words alone ('" + quote(text) + "'); definitions elsewhere in the document can widen or narrow them.";
    }

    /** Steps that follow from what the provision asks of you and keeps for the provider. */
    static List<String> actionItems(Reading reading, List<Topic> topics, String text, String provider) {
        List<String> items = new ArrayList<>();
        if (reading.bindsNoOne() && !topics.isEmpty()) {
            items.add("Confirm whether this describes your use of " + provider + ": '" + quote(text) + "'; it frames the rules on "
                    + topics.getFirst().title().toLowerCase(Locale.ROOT) + " that apply to it");
        }
        for (Statement s : statements(reading)) {
            String action = "'" + quote(s.action()) + "'";
            items.add(switch (s.party()) {
                case YOU -> switch (s.modality()) {
                    case MUST, WILL -> "Name an owner and keep evidence for: " + action;
                    case MUST_NOT, WILL_NOT -> "Check your intended uses against: " + action;
                    case MAY -> "Note the permission and its version: " + action;
                };
                case PROVIDER -> s.modality() == Modality.MAY ? "Decide how you would respond if " + provider + " uses its right: " + action
                        : "Keep " + possessive(provider) + " commitment in your vendor file: " + action;
                case OTHERS -> "Identify which " + s.subject() + " you deal with: " + action;
            });
            if (!s.conditions().isEmpty()) items.add("Determine whether it applies to you: '" + quote(s.conditions().getFirst()) + "'");
        }
        return items;
    }

    private static String possessive(String name) {
        return name.endsWith("s") ? name + "'" : name + "'s";
    }

    private static List<Statement> statements(Reading reading) {
        return reading.statements().stream().limit(STATEMENTS).toList();
    }

    static String quote(String text) {
        String[] words = text.strip().split("\\s+");
        return words.length <= QUOTE_WORDS ? text.strip() : String.join(" ", java.util.Arrays.copyOf(words, QUOTE_WORDS)) + " …";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
