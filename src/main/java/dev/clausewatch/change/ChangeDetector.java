package dev.clausewatch.change;

import dev.clausewatch.provision.Alignment;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Texts;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two versions' provisions (aligned by {@link Alignment}) and classifies every change.
 * Cosmetic: what the declared {@link Normalisation} rules make equal (white space, invisible
 * characters, quotes and dashes, Markdown, capitalisation, punctuation, number words, date
 * formats, inline spacing), numbering, a link target to the same page, the "last updated" date
 * line, a typo corrected or a British/American spelling ({@link Spelling}), page chrome
 * ({@link Boilerplate}), moving or splitting without new words. Substantive: anything else, with
 * an {@link Explanation} of what it changes.
 */
public final class ChangeDetector {
    private static final Pattern DATE_LABEL = Pattern.compile("\\b(?:effective|last|updated?|revised|modified|date|as|of|on|since|from)\\b\\s*");
    /** The most word edits a spelling-only difference may have, each of at most two words. */
    private static final int MAX_SPELLING_EDITS = 40;
    private static final int MAX_SPELLING_WORDS = 2 * MAX_SPELLING_EDITS;
    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\(([^()]*+(?:\\([^()]*+\\)[^()]*+)?)\\)"); // linear, as Normalisation's LINK

    private final Spelling spelling;

    public ChangeDetector() {
        this(Spelling.english());
    }

    public ChangeDetector(Spelling spelling) {
        this.spelling = spelling;
    }

    public ChangeSet compare(List<Provision> before, List<Provision> after, boolean technical) {
        return compare(Alignment.of(before, after), before, after, technical);
    }

    /** The same with the alignment already made (lineage aligns the same pair to carry ids over; ids play no part in it). */
    public ChangeSet compare(Alignment alignment, List<Provision> before, List<Provision> after, boolean technical) {
        List<ProvisionChange> changes = new ArrayList<>();
        Map<Integer, List<Provision>> splits = new LinkedHashMap<>();
        Map<String, List<Integer>> removedByNormal = new LinkedHashMap<>();
        for (int removed : alignment.removed()) removedByNormal.computeIfAbsent(normal(before.get(removed)), k -> new ArrayList<>()).add(removed);
        java.util.Set<Integer> reunited = new java.util.HashSet<>();
        for (Alignment.Link link : alignment.links()) {
            Provision now = after.get(link.after());
            // A provision the alignment could not pair (its words reordered, "July 1, 2021" → "1 July 2021") that
            // reads the same as one that went is that one, changed cosmetically.
            // Likewise a part of a "split" whose words the long provision before it happens to hold, when a provision that went reads as it does.
            boolean unpaired = link.relation() == Alignment.Relation.ADDED || link.relation() == Alignment.Relation.SPLIT;
            Optional<Integer> same = unpaired ? reunite(now, before, removedByNormal, reunited) : Optional.empty();
            if (same.isPresent()) {
                int index = same.get();
                Provision was = before.get(index);
                reunited.add(index);
                changes.add(change(ChangeKind.MODIFIED, was, now, classify(was, now)));
                continue;
            }
            switch (link.relation()) {
                case ADDED -> changes.add(new ProvisionChange(now.id(), ChangeKind.ADDED, Optional.empty(), Optional.of(now), List.of(),
                        chromeOr(now, Explanation::ofAdded)));
                case UNCHANGED -> cosmeticDifference(before.get(link.from().getFirst()), now)
                        .ifPresent(why -> changes.add(change(ChangeKind.MODIFIED, before.get(link.from().getFirst()), now, why)));
                case MOVED -> changes.add(change(ChangeKind.MOVED, before.get(link.from().getFirst()), now, Explanation.cosmetic(Reason.REORDERING, "")));
                case MODIFIED -> {
                    Provision was = before.get(link.from().getFirst());
                    changes.add(change(ChangeKind.MODIFIED, was, now, classify(was, now)));
                }
                case SPLIT -> splits.computeIfAbsent(link.from().getFirst(), k -> new ArrayList<>()).add(now);
                case MERGED -> {
                    List<Provision> parts = link.from().stream().map(before::get).toList();
                    Provision joined = join(parts);
                    changes.add(change(ChangeKind.MERGED, joined, now, sameWords(joined, now) ? Explanation.cosmetic(Reason.SPLIT_OR_MERGED, "")
                            : classify(joined, now)));
                }
            }
        }
        splits.forEach((original, parts) -> {
            Provision was = before.get(original);
            if (parts.size() == 1) { // the other parts were provisions of their own, changed cosmetically
                Provision part = parts.getFirst();
                boolean same = was.markdown().equals(part.markdown()) && was.number().equals(part.number());
                if (!same) changes.add(change(ChangeKind.MODIFIED, was, part, classify(was, part)));
                return;
            }
            Provision joined = join(parts);
            List<WordDiff.Edit> edits = WordDiff.of(was.text(), joined.text());
            changes.add(new ProvisionChange(was.id(), ChangeKind.SPLIT, Optional.of(was), Optional.of(joined), edits,
                    sameWords(was, joined) ? Explanation.cosmetic(Reason.SPLIT_OR_MERGED, "") : classify(was, joined)));
        });
        for (int removed : alignment.removed()) {
            Provision was = before.get(removed);
            if (reunited.contains(removed)) continue;
            changes.add(new ProvisionChange(was.id(), ChangeKind.REMOVED, Optional.of(was), Optional.empty(), List.of(),
                    chromeOr(was, Explanation::ofRemoved)));
        }
        // The changes that matter most first: a changed retention period before a reworded sentence.
        changes.sort(java.util.Comparator.comparingInt(ProvisionChange::significance).reversed());
        return new ChangeSet(changes, EffectiveDate.in(before), EffectiveDate.in(after), technical);
    }

    /** A whole provision coming or going: page chrome, which makes no change, or what {@code whole} says of it. */
    private static Explanation chromeOr(Provision p, java.util.function.Function<Provision, Explanation> whole) {
        return Boilerplate.isChrome(p) ? Explanation.cosmetic(Reason.BOILERPLATE, "'" + Explanation.quote(p.text()) + "'") : whole.apply(p);
    }

    private static ProvisionChange change(ChangeKind kind, Provision was, Provision now, Explanation why) {
        return new ProvisionChange(now.id().isEmpty() ? was.id() : now.id(), kind, Optional.of(was), Optional.of(now),
                WordDiff.of(was.text(), now.text()), why);
    }

    /** Two provisions with the same words: what, if anything, still differs. */
    Optional<Explanation> cosmeticDifference(Provision was, Provision now) {
        if (was.markdown().equals(now.markdown()) && was.number().equals(now.number())) return Optional.empty();
        if (!was.number().equals(now.number())) return Optional.of(Explanation.cosmetic(Reason.NUMBERING, was.number() + " → " + now.number()));
        if (!was.text().equals(now.text())) return Optional.of(classify(was, now));
        String a = Texts.collapse(was.markdown()), b = Texts.collapse(now.markdown());
        if (a.equals(b)) return Optional.of(Explanation.cosmetic(Reason.WHITESPACE, ""));
        List<String> targetsBefore = targets(a), targetsAfter = targets(b);
        // A link whose words stay is cosmetic wherever it points: measured on the labelled pairs, target
        // changes are session tokens, image hosts and regional copies far more often than another document.
        if (!targetsBefore.equals(targetsAfter) && LINK_TARGET.matcher(a).replaceAll("]()").equals(LINK_TARGET.matcher(b).replaceAll("]()"))) {
            return Optional.of(Explanation.cosmetic(Reason.LINK_TARGET, firstDifference(targetsBefore, targetsAfter)));
        }
        return Optional.of(Explanation.cosmetic(Reason.FORMATTING, ""));
    }

    /**
     * The provision that went and that {@code now} is, cosmetically: the same normal form, or a
     * neighbour of the same kind whose words differ only in spelling ("Authorization" → "Authorisation").
     */
    private Optional<Integer> reunite(Provision now, List<Provision> before, Map<String, List<Integer>> removedByNormal, java.util.Set<Integer> taken) {
        Optional<Integer> same = removedByNormal.getOrDefault(normal(now), List.of()).stream().filter(i -> !taken.contains(i)).findFirst();
        if (same.isPresent()) return same;
        for (List<Integer> indexes : removedByNormal.values()) {
            for (int index : indexes) {
                Provision was = before.get(index);
                boolean near = Math.abs(was.position() - now.position()) <= 3 || (!was.number().isEmpty() && was.number().equals(now.number()));
                if (!taken.contains(index) && near && was.kind() == now.kind() && spellingOnly(was.text(), now.text()).isPresent()) return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    /** The provision's number and text in their normal form: what it says, whatever its spelling, spacing and markup. */
    private static String normal(Provision p) {
        return Normalisation.normal(p.number() + " " + p.text());
    }

    Explanation classify(Provision was, Provision now) {
        // Then with the number: a number that an invisible character kept the parser from seeing is still the same number.
        Optional<List<Normalisation.Rule>> rules = Normalisation.cosmetic(was.text(), now.text())
                .or(() -> Normalisation.cosmetic(was.number() + " " + was.text(), now.number() + " " + now.text()));
        if (rules.isPresent()) {
            if (rules.get().isEmpty()) return cosmeticDifference(was, now).orElse(Explanation.cosmetic(Reason.WHITESPACE, ""));
            return cosmetic(rules.get());
        }
        if (dateLineOnly(was, now)) return Explanation.cosmetic(Reason.DATE_LINE, Explanation.quote(was.text()) + " → " + Explanation.quote(now.text()));
        Optional<Explanation> spelt = spellingOnly(was.text(), now.text());
        if (spelt.isPresent()) return spelt.get();
        return Explanation.ofModified(was, now, WordDiff.of(was.text(), now.text()));
    }

    /**
     * The "last updated" line: both short and dated, one of them saying what the date is, and no
     * other words between them than the date and its label ("January 5, 2026" → "Effective January 5, 2026").
     */
    private static boolean dateLineOnly(Provision was, Provision now) {
        if (!EffectiveDate.isDateLine(was) && !EffectiveDate.isDateLine(now)) return false;
        if (Texts.wordCount(was.text()) > 12 || Texts.wordCount(now.text()) > 12) return false;
        String a = DATE_LABEL.matcher(Texts.fingerprint(EffectiveDate.withoutDates(was.text()))).replaceAll("").strip();
        String b = DATE_LABEL.matcher(Texts.fingerprint(EffectiveDate.withoutDates(now.text()))).replaceAll("").strip();
        return a.equals(b) && !was.text().equals(EffectiveDate.withoutDates(was.text())) && !now.text().equals(EffectiveDate.withoutDates(now.text()));
    }

    /** The reason of the rules a cosmetic difference needed: one rule's own, or all of them said together. */
    private static Explanation cosmetic(List<Normalisation.Rule> rules) {
        if (rules.size() == 1) return Explanation.cosmetic(reason(rules.getFirst()), "");
        return new Explanation(Reason.NORMALISED, String.join(", ", rules.stream().map(Normalisation.Rule::description).toList()) + " only", 0);
    }

    private static Reason reason(Normalisation.Rule rule) {
        return switch (rule) {
            case UNICODE_FORMS -> Reason.UNICODE_FORMS;
            case INVISIBLE_CHARACTERS -> Reason.INVISIBLE_CHARACTERS;
            case QUOTES_AND_DASHES -> Reason.QUOTES_AND_DASHES;
            case MARKDOWN -> Reason.FORMATTING;
            case WEB_ADDRESSES -> Reason.LINK_TARGET;
            case WHITESPACE -> Reason.WHITESPACE;
            case DATE_FORMATS -> Reason.DATE_FORMAT;
            case NUMBER_WORDS -> Reason.NUMBER_WORDS;
            case CAPITALISATION -> Reason.CAPITALISATION;
            case PUNCTUATION -> Reason.PUNCTUATION;
            case INLINE_SPACING -> Reason.INLINE_SPACING;
        };
    }

    /**
     * Whether every word-level edit between the normal forms is a typo corrected, the other
     * English's spelling, a doubled word removed, or a compound written apart or together
     * ("e-mail", "email"; "web site", "website").
     */
    Optional<Explanation> spellingOnly(String was, String now) {
        List<String> a = Normalisation.words(was), b = Normalisation.words(now);
        if (tooManyWordsApart(a, b)) return Optional.empty();
        List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
        if (deltas.isEmpty() || deltas.size() > MAX_SPELLING_EDITS) return Optional.empty();
        Reason reason = null;
        List<String> shown = new ArrayList<>();
        for (AbstractDelta<String> delta : deltas) {
            List<String> removed = delta.getSource().getLines(), inserted = delta.getTarget().getLines();
            Reason kind = spellingEdit(a, delta.getSource().getPosition(), removed, inserted);
            if (kind == null) return Optional.empty();
            reason = reason == null || reason == kind ? kind : Reason.NORMALISED;
            shown.add("'" + String.join(" ", removed) + "' → '" + String.join(" ", inserted) + "'");
        }
        if (reason == Reason.NORMALISED) return Optional.of(new Explanation(Reason.NORMALISED, "spelling only: " + String.join(", ", shown), 0));
        return Optional.of(Explanation.cosmetic(reason, String.join(", ", shown)));
    }

    /**
     * Whether more words differ than {@link #spellingOnly} could accept (at most 40 edits of at most two
     * words each), counted as multisets in linear time: a diff of two long texts that differ
     * throughout costs seconds, and the change detector asks this of every nearby pair.
     */
    private static boolean tooManyWordsApart(List<String> a, List<String> b) {
        if (Math.abs(a.size() - b.size()) > MAX_SPELLING_WORDS) return true;
        Map<String, Integer> balance = new java.util.HashMap<>();
        for (String word : a) balance.merge(word, 1, Integer::sum);
        for (String word : b) balance.merge(word, -1, Integer::sum);
        int onlyBefore = 0;
        for (int count : balance.values()) if (count > 0) onlyBefore += count;
        return onlyBefore > MAX_SPELLING_WORDS;
    }

    private Reason spellingEdit(List<String> before, int at, List<String> removed, List<String> inserted) {
        if (inserted.isEmpty() && removed.size() == 1) {
            String word = removed.getFirst();
            boolean doubled = (at > 0 && before.get(at - 1).equals(word)) || (at + 1 < before.size() && before.get(at + 1).equals(word));
            return doubled ? Reason.REPEATED_WORD : null;
        }
        if (removed.isEmpty() || inserted.isEmpty() || removed.size() > 2 || inserted.size() > 2) return null;
        if (String.join("", removed).replace("-", "").equals(String.join("", inserted).replace("-", ""))) return Reason.SPELLING_VARIANT;
        if (removed.size() != inserted.size()) return null;
        Reason reason = null;
        for (int i = 0; i < removed.size(); i++) {
            Optional<Spelling.Kind> kind = spelling.of(removed.get(i), inserted.get(i));
            if (kind.isEmpty()) return null;
            Reason r = kind.get() == Spelling.Kind.TYPO_FIXED ? Reason.TYPO_FIXED : Reason.SPELLING_VARIANT;
            reason = reason == null || reason == r ? r : Reason.NORMALISED;
        }
        return reason;
    }

    private static String firstDifference(List<String> before, List<String> after) {
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            if (!before.get(i).equals(after.get(i))) return before.get(i) + " → " + after.get(i);
        }
        return before.size() > after.size() ? before.get(after.size()) + " removed" : after.get(before.size()) + " added";
    }

    private static List<String> targets(String markdown) {
        List<String> targets = new ArrayList<>();
        Matcher m = LINK_TARGET.matcher(markdown);
        while (m.find()) targets.add(m.group(1));
        return targets;
    }

    private static boolean sameWords(Provision a, Provision b) {
        return Texts.fingerprint(a.text()).equals(Texts.fingerprint(b.text()));
    }

    private static Provision join(List<Provision> parts) {
        Provision first = parts.getFirst();
        StringBuilder markdown = new StringBuilder(), text = new StringBuilder();
        for (Provision p : parts) {
            markdown.append(markdown.isEmpty() ? "" : "\n\n").append(p.markdown());
            // The parts' own numbers are words of the joined text: "12. … 13. …" merged keeps its "13".
            text.append(text.isEmpty() ? "" : " ").append(text.isEmpty() || p.number().isEmpty() ? "" : p.number() + " ").append(p.text());
        }
        return new Provision(first.id(), first.position(), first.kind(), first.trail(), first.number(), markdown.toString(), text.toString());
    }
}
