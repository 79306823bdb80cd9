package dev.clausewatch.analysis;

import dev.clausewatch.provision.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a provision says, read from its own words: for each sentence that binds someone, who is
 * bound (you, the provider, others), how (must, must not, may, will, will not), to do what, on what
 * conditions, with which exceptions and examples. A list item that continues a lead-in ("You may not
 * use the Services:" / "for intentional disinformation;") is read with it. The analysis is written
 * from this reading, so that two provisions share a sentence only when they say the same thing.
 */
public record Reading(List<Statement> statements) {
    /** Who a statement binds. */
    public enum Party { YOU, PROVIDER, OTHERS }

    /** How it binds them. */
    public enum Modality { MUST, MUST_NOT, MAY, WILL, WILL_NOT }

    /**
     * One binding sentence: the party, the modality, its subject and modal words as written ("AWS",
     * "may"), the action (the words after the modal), and what qualifies it.
     */
    public record Statement(Party party, Modality modality, String subject, String modal, String action, List<String> conditions,
                            List<String> exceptions, List<String> examples) {}

    private static final String WORD_END = "(?![\\p{L}\\p{N}])";
    // Longest first: "may not" is a prohibition before "may" is a permission.
    private static final Pattern MODAL = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(must not|may not|shall not|will not|won't|cannot|can ?not|can't"
            + "|do not|don't|does not|are not (?:permitted|allowed) to|is not (?:permitted|allowed) to|are prohibited from|agree not to"
            + "|must|shall|are required to|is required to|agree to|are responsible for|is responsible for|have to|need to"
            + "|reserves? the right to|may|can|are (?:permitted|allowed) to|will|is committed to|are committed to)" + WORD_END);
    private static final Pattern IMPERATIVE_NOT = Pattern.compile("(?i)^\\s*(?:do not|don't|never)\\s+");
    private static final Pattern YOU = Pattern.compile("(?i)(?<![\\p{L}])(you|your|users?|customers?|end users|licensees?|developers?|members?)" + WORD_END);
    private static final Pattern PROVIDER = Pattern.compile("(?i)(?<![\\p{L}])(we|us|our|the company)" + WORD_END);
    private static final Pattern OTHER_PARTY = Pattern.compile("(?i)(?<![\\p{L}])(third|partners?|affiliates?|others?|vendors?|advertisers?|governments?|authorities)" + WORD_END);
    // A name, not a capitalised first word ("Software may update"): initials (AWS), an inner capital (OpenAI), or several capitalised words.
    private static final Pattern PROPER_NAME = Pattern.compile("(?:the\\s+)?(?:\\p{Lu}{2,}[\\p{L}\\p{N}]*|\\p{Lu}\\p{Ll}+\\p{Lu}[\\p{L}\\p{N}]*"
            + "|\\p{Lu}[\\p{L}\\p{N}.&-]*(?:\\s+\\p{Lu}[\\p{L}\\p{N}.&-]*){1,3})");
    private static final Pattern CONDITION = Pattern.compile("(?i)(?<![\\p{L}])(?:if|when|where|whenever|provided that|as long as|in the event that|to the extent)"
            + WORD_END + "[^,;.:]{3,160}");
    private static final Pattern EXCEPTION = Pattern.compile("(?i)(?<![\\p{L}])(?:unless|except(?: for| as| where| that)?|other than)" + WORD_END + "[^,;.:]{3,160}");
    private static final Pattern EXAMPLES = Pattern.compile("(?i)(?<![\\p{L}])(?:such as|including(?: but not limited to)?|for example|e\\.g\\.,?|like)"
            + WORD_END + "\\s*([^;.)]{3,200})");
    private static final int ACTION_WORDS = 24;

    public Reading {
        statements = List.copyOf(statements);
    }

    /** Reads {@code text}; {@code leadIn} is the sentence a list item continues (empty when none); {@code provider} names the platform. */
    public static Reading of(String text, String leadIn, List<String> providerNames) {
        List<Statement> statements = new ArrayList<>();
        List<String> sentences = Texts.sentences(text);
        boolean continues = !leadIn.isBlank() && leadIn.strip().endsWith(":") && (sentences.isEmpty() || !MODAL.matcher(sentences.getFirst()).find());
        if (continues) {
            read(leadIn.strip().replaceFirst(":$", "") + " " + text.strip(), providerNames).ifPresent(statements::add);
            sentences = sentences.isEmpty() ? List.of() : sentences.subList(1, sentences.size());
        }
        for (String sentence : sentences) read(sentence, providerNames).ifPresent(statements::add);
        return new Reading(statements);
    }

    public boolean bindsNoOne() {
        return statements.isEmpty();
    }

    /** Whether some statement binds {@code party} with {@code modality}. */
    public boolean has(Party party, Modality modality) {
        return statements.stream().anyMatch(s -> s.party() == party && s.modality() == modality);
    }

    private static java.util.Optional<Statement> read(String sentence, List<String> providerNames) {
        String s = Texts.collapse(sentence).strip();
        Matcher imperative = IMPERATIVE_NOT.matcher(s);
        if (imperative.find()) return java.util.Optional.of(statement(Party.YOU, Modality.MUST_NOT, "you", "must not", s.substring(imperative.end()), s));
        Matcher modal = MODAL.matcher(s);
        if (!modal.find()) return java.util.Optional.empty();
        String subject = s.substring(0, modal.start());
        Party party = party(subject, providerNames);
        String action = s.substring(modal.end()).strip();
        return java.util.Optional.of(statement(party, modality(modal.group(1), party), subjectWords(subject), modal.group(1), action, s));
    }

    private static Statement statement(Party party, Modality modality, String subject, String modal, String action, String sentence) {
        return new Statement(party, modality, subject, modal, clause(action), all(CONDITION, sentence, 0), all(EXCEPTION, sentence, 0),
                all(EXAMPLES, sentence, 1));
    }

    /** The subject's last words before the modal, without a leading condition ("If you use X, you" → "you"). */
    private static String subjectWords(String subject) {
        String[] parts = subject.split(",");
        String last = parts[parts.length - 1].strip().replaceAll("^\\*+|\\*+$", "");
        String[] words = last.split("\\s+");
        return words.length <= 6 ? last : String.join(" ", java.util.Arrays.copyOfRange(words, words.length - 6, words.length));
    }

    /** The party of the subject: the last one it names ("Customers and their end users" are you; "We and our affiliates" the provider). */
    private static Party party(String subject, List<String> providerNames) {
        int you = last(YOU, subject), provider = last(PROVIDER, subject);
        for (String name : providerNames) {
            int at = subject.toLowerCase(Locale.ROOT).lastIndexOf(name.toLowerCase(Locale.ROOT));
            if (!name.isBlank() && at >= 0) provider = Math.max(provider, at);
        }
        if (you < 0 && provider < 0) {
            if (subject.isBlank()) return Party.YOU;
            // A proper name that is not a third party ("AWS may investigate") is the provider speaking of itself.
            boolean third = OTHER_PARTY.matcher(subject).find();
            return !third && PROPER_NAME.matcher(subjectWords(subject)).matches() ? Party.PROVIDER : Party.OTHERS;
        }
        // "You agree that we may…": the party nearest the modal is the one bound.
        return provider > you ? Party.PROVIDER : Party.YOU;
    }

    private static Modality modality(String modal, Party party) {
        String m = modal.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (m.startsWith("will not") || m.equals("won't") || ((m.startsWith("do") || m.startsWith("does")) && party == Party.PROVIDER)) return Modality.WILL_NOT;
        if (m.contains("not") || m.startsWith("can't") || m.contains("prohibited")) return Modality.MUST_NOT;
        if (m.startsWith("may") || m.startsWith("can") || m.startsWith("reserve") || m.contains("permitted") || m.contains("allowed")) return Modality.MAY;
        if (m.equals("will") || m.contains("committed")) return Modality.WILL;
        return Modality.MUST;
    }

    /** The action: the words after the modal up to where a condition, an exception or the sentence ends, at most {@link #ACTION_WORDS} words. */
    private static String clause(String action) {
        String cut = action.split("(?i)(?<![\\p{L}])(?:unless|except|provided that|if|when|whenever)(?![\\p{L}])|[;:]|\\.(?:\\s|$)", 2)[0].strip();
        String[] words = cut.split("\\s+");
        String shown = words.length <= ACTION_WORDS ? cut : String.join(" ", java.util.Arrays.copyOf(words, ACTION_WORDS)) + " …";
        return shown.replaceAll("[,\\s]+$", "");
    }

    private static int last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int at = -1;
        while (m.find()) at = m.start();
        return at;
    }

    private static List<String> all(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) found.add(m.group(group).strip());
        return found;
    }
}
