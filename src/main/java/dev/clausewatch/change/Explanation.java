package dev.clausewatch.change;

import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a substantive change matters, in words a reader checks at a glance ("a number changed: 30
 * days → 14 days", "a new obligation: 'you must …'"), with a significance that orders the changes
 * of a set. Read off the words removed and inserted: modal verbs, negations, numbers, parties and
 * the words that widen or narrow a clause's scope.
 */
public record Explanation(Reason reason, String text, int significance) {
    private static final Pattern PROHIBITION = words("must not|may not|shall not|will not|cannot|can ?not|can't|do not|don't|does not"
            + "|are not (?:permitted|allowed)|is not (?:permitted|allowed)|not (?:permitted|allowed) to|prohibited|forbidden|never");
    private static final Pattern OBLIGATION = words("must|shall|are required to|is required to|required to|will need to|have to|has to"
            + "|agree to|are responsible for|is responsible for|obligated to|obliged to");
    private static final Pattern PERMISSION = words("may(?!\\s+\\d)|can|are permitted to|is permitted to|are allowed to|is allowed to|have the right to"
            + "|reserve the right to|reserves the right to|entitled to|at our discretion|at its discretion");
    private static final Pattern NEGATION = words("not|no longer|never|no|none|neither|nor|without");
    private static final Pattern PARTY = words("affiliates?|subsidiaries|subsidiary|partners?|third[- ]part(?:y|ies)|service providers?|vendors?"
            + "|advertisers?|contractors?|law enforcement|authorities|government(?:s|al)?|regulators?|successors?|acquirers?|sub-?processors?"
            + "|processors?|resellers?|licensors?|agents?|group companies|data brokers?|researchers?");
    private static final Pattern WIDENING = Pattern.compile("(?i)^(?:and|or|and/or|including|as well as|any|all|other|each|every|or any)\\b"
            + "|\\b(?:including|without limitation|any other|and all|or any|and/or|among other)\\b");
    private static final Pattern NARROWING = words("only|solely|exclusively|except|unless|limited to|provided that|subject to|excluding");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final int QUOTE_WORDS = 10;

    private static Pattern words(String alternatives) {
        return Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
    }

    /** The change of {@code was} into {@code now} through {@code edits}, already known to be substantive. */
    public static Explanation ofModified(Provision was, Provision now, List<WordDiff.Edit> edits) {
        List<Explanation> found = new ArrayList<>();
        String removed = joined(edits, true), inserted = joined(edits, false);
        numbers(was.text(), now.text(), removed, inserted).ifPresent(found::add);
        modal(PROHIBITION, Reason.PROHIBITION_ADDED, Reason.PROHIBITION_REMOVED, removed, inserted, was.text(), now.text()).ifPresent(found::add);
        if (found.stream().noneMatch(e -> e.reason() == Reason.PROHIBITION_ADDED || e.reason() == Reason.PROHIBITION_REMOVED)) {
            modal(NEGATION, Reason.NEGATION_ADDED, Reason.NEGATION_REMOVED, removed, inserted, was.text(), now.text()).ifPresent(found::add);
        }
        modal(OBLIGATION, Reason.OBLIGATION_ADDED, Reason.OBLIGATION_REMOVED, removed, inserted, was.text(), now.text()).ifPresent(found::add);
        modal(PERMISSION, Reason.PERMISSION_ADDED, Reason.PERMISSION_REMOVED, removed, inserted, was.text(), now.text()).ifPresent(found::add);
        parties(removed, inserted).ifPresent(found::add);
        scope(edits).ifPresent(found::add);
        int size = edits.stream().mapToInt(e -> count(e.removed()) + count(e.inserted())).sum();
        if (found.isEmpty()) {
            WordDiff.Edit first = edits.isEmpty() ? new WordDiff.Edit("", "") : edits.getFirst();
            String text = first.removed().isEmpty() ? "reworded, adding '" + quote(first.inserted()) + "'"
                    : first.inserted().isEmpty() ? "reworded, removing '" + quote(first.removed()) + "'"
                    : "reworded: '" + quote(first.removed()) + "' → '" + quote(first.inserted()) + "'";
            found.add(new Explanation(Reason.WORDING, text + (edits.size() > 1 ? " and " + (edits.size() - 1) + " more edits" : ""),
                    Reason.WORDING.weight()));
        }
        Explanation main = found.stream().max(Comparator.comparingInt(Explanation::significance)).orElseThrow();
        String text = found.size() == 1 ? main.text() : main.text() + "; also " + String.join(", ", found.stream().filter(e -> e != main)
                .map(e -> e.reason().description()).distinct().toList());
        return new Explanation(main.reason(), text, Math.min(100, main.significance() + Math.min(5, size / 10)));
    }

    /** A provision that was not there before: what kind of rule it adds, with its words. */
    public static Explanation ofAdded(Provision now) {
        return ofWhole(now, Reason.ADDED, Reason.PROHIBITION_ADDED, Reason.OBLIGATION_ADDED, Reason.PERMISSION_ADDED, "a new provision");
    }

    /** A provision that is gone: what kind of rule went with it. */
    public static Explanation ofRemoved(Provision was) {
        return ofWhole(was, Reason.REMOVED, Reason.PROHIBITION_REMOVED, Reason.OBLIGATION_REMOVED, Reason.PERMISSION_REMOVED, "a provision removed");
    }

    /** A cosmetic change, said with its reason (and the words, for spelling). */
    public static Explanation cosmetic(Reason reason, String detail) {
        return new Explanation(reason, detail.isEmpty() ? reason.description() : reason.description() + ": " + detail, 0);
    }

    private static Explanation ofWhole(Provision p, Reason plain, Reason prohibition, Reason obligation, Reason permission, String what) {
        if (p.kind() == ProvisionKind.HEADING) {
            return new Explanation(plain, (plain == Reason.ADDED ? "a new heading" : "a heading removed") + ": '" + quote(p.text()) + "'", 20);
        }
        for (Modal modal : List.of(new Modal(PROHIBITION, prohibition), new Modal(OBLIGATION, obligation), new Modal(PERMISSION, permission))) {
            Matcher m = modal.words().matcher(p.text());
            if (m.find()) {
                return new Explanation(modal.reason(), modal.reason().description() + ": '" + quote(sentenceOf(p.text(), "", m.group())) + "'",
                        modal.reason().weight());
            }
        }
        return new Explanation(plain, what + ": '" + quote(p.text()) + "'", plain.weight() + Math.min(10, count(p.text()) / 10));
    }

    /** Words that make a clause a kind of rule, and the reason a whole provision of that kind gets. */
    private record Modal(Pattern words, Reason reason) {}

    private static Optional<Explanation> numbers(String was, String now, String removed, String inserted) {
        List<String> before = all(NUMBER, removed), after = all(NUMBER, inserted);
        // A number only "changes" when one replaces another: a number inside a new clause is part of that clause.
        if (before.isEmpty() || after.isEmpty() || before.equals(after)) return Optional.empty();
        String old = withUnit(was, before.getFirst()), neu = withUnit(now, after.getFirst());
        boolean year = before.getFirst().matches("(19|20)\\d\\d") && after.getFirst().matches("(19|20)\\d\\d");
        Reason reason = year ? Reason.DATE_CHANGED : Reason.NUMBER_CHANGED;
        String text = reason.description() + ": " + old + " → " + neu;
        return Optional.of(new Explanation(reason, text, reason.weight()));
    }

    /** The number with the word after it, as the provision writes it ("30 days", "$5", "10%"). */
    private static String withUnit(String text, String number) {
        Matcher m = Pattern.compile("([$€£]\\s?)?" + Pattern.quote(number) + "(\\s?%|\\s+[\\p{L}]+)?").matcher(text);
        return m.find() ? m.group().strip() : number;
    }

    private static Optional<Explanation> modal(Pattern pattern, Reason added, Reason removed, String removedText, String insertedText,
                                               String was, String now) {
        int before = all(pattern, removedText).size(), after = all(pattern, insertedText).size();
        if (after == before) return Optional.empty();
        Reason reason = after > before ? added : removed;
        String edits = after > before ? insertedText : removedText;
        Matcher m = pattern.matcher(edits);
        m.find();
        String sentence = sentenceOf(after > before ? now : was, after > before ? was : now, edit(edits, m.start()));
        return Optional.of(new Explanation(reason, reason.description() + ": '" + quote(sentence) + "'", reason.weight()));
    }

    /**
     * The sentence of {@code text} that holds the edited words and that {@code other} does not
     * have, so that the quote reads as the provision does ("We do not sell …", not "do not").
     */
    private static String sentenceOf(String text, String other, String edited) {
        List<String> tokens = WordDiff.tokens(edited);
        if (tokens.isEmpty()) return edited;
        StringBuilder regex = new StringBuilder("(?i)");
        for (String token : tokens) regex.append(regex.length() > 4 ? "[\\s\\p{P}]*" : "").append(Pattern.quote(token));
        Pattern words = Pattern.compile(regex.toString());
        String fallback = null;
        for (String sentence : dev.clausewatch.provision.Texts.sentences(text)) {
            if (!words.matcher(sentence).find()) continue;
            if (!other.contains(sentence)) return sentence;
            if (fallback == null) fallback = sentence;
        }
        return fallback != null ? fallback : edited;
    }

    /** The words of one edit from {@code start} on (the edits of a change are joined with " | "). */
    private static String edit(String joined, int start) {
        int end = joined.indexOf(" | ", start);
        return end < 0 ? joined.substring(start) : joined.substring(start, end);
    }

    private static Optional<Explanation> parties(String removed, String inserted) {
        Set<String> before = lower(all(PARTY, removed)), after = lower(all(PARTY, inserted));
        Set<String> added = new LinkedHashSet<>(after), gone = new LinkedHashSet<>(before);
        added.removeAll(before);
        gone.removeAll(after);
        if (!added.isEmpty()) return Optional.of(new Explanation(Reason.PARTY_ADDED, "a new party: '" + String.join("', '", added) + "'", Reason.PARTY_ADDED.weight()));
        if (!gone.isEmpty()) return Optional.of(new Explanation(Reason.PARTY_REMOVED, "a party removed: '" + String.join("', '", gone) + "'", Reason.PARTY_REMOVED.weight()));
        return Optional.empty();
    }

    private static Optional<Explanation> scope(List<WordDiff.Edit> edits) {
        for (WordDiff.Edit e : edits) {
            if (!e.inserted().isEmpty() && e.removed().isEmpty() && WIDENING.matcher(e.inserted()).find()) {
                return Optional.of(new Explanation(Reason.SCOPE_WIDENED, "scope widened: '" + quote(e.inserted()) + "'", Reason.SCOPE_WIDENED.weight()));
            }
            if (!e.inserted().isEmpty() && NARROWING.matcher(e.inserted()).find() && !NARROWING.matcher(e.removed()).find()) {
                return Optional.of(new Explanation(Reason.SCOPE_NARROWED, "scope narrowed: '" + quote(e.inserted()) + "'", Reason.SCOPE_NARROWED.weight()));
            }
            if (!e.removed().isEmpty() && e.inserted().isEmpty() && WIDENING.matcher(e.removed()).find()) {
                return Optional.of(new Explanation(Reason.SCOPE_NARROWED, "scope narrowed, removing '" + quote(e.removed()) + "'", Reason.SCOPE_NARROWED.weight()));
            }
        }
        return Optional.empty();
    }

    private static String joined(List<WordDiff.Edit> edits, boolean removed) {
        StringBuilder out = new StringBuilder();
        for (WordDiff.Edit e : edits) {
            String part = removed ? e.removed() : e.inserted();
            if (!part.isEmpty()) out.append(out.isEmpty() ? "" : " | ").append(part);
        }
        return out.toString();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) found.add(m.group());
        return found;
    }

    private static Set<String> lower(List<String> words) {
        Set<String> out = new LinkedHashSet<>();
        words.forEach(w -> out.add(w.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** The first words of a text, enough to recognise it ("you must keep your password …"). */
    static String quote(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length <= QUOTE_WORDS) return text.strip();
        return String.join(" ", java.util.Arrays.copyOf(words, QUOTE_WORDS)) + " …";
    }

    private static int count(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
