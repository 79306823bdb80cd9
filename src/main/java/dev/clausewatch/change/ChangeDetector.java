package dev.clausewatch.change;

import dev.clausewatch.provision.Alignment;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares two versions' provisions (aligned by {@link Alignment}) and classifies every change.
 * Cosmetic: white space, punctuation, capitalisation, numbering, link target, Markdown formatting,
 * the "last updated" date line, moving or splitting without new words. Substantive: anything that
 * changes the words, and therefore what a provision permits, requires, forbids or discloses.
 */
public final class ChangeDetector {
    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)]*\\)");
    private static final Pattern MARKUP = Pattern.compile("[*_`#>|]+");

    public ChangeSet compare(List<Provision> before, List<Provision> after, boolean technical) {
        return compare(Alignment.of(before, after), before, after, technical);
    }

    /** The same with the alignment already made (lineage aligns the same pair to carry ids over; ids play no part in it). */
    public ChangeSet compare(Alignment alignment, List<Provision> before, List<Provision> after, boolean technical) {
        List<ProvisionChange> changes = new ArrayList<>();
        Map<Integer, List<Provision>> splits = new LinkedHashMap<>();
        for (Alignment.Link link : alignment.links()) {
            Provision now = after.get(link.after());
            switch (link.relation()) {
                case ADDED -> changes.add(new ProvisionChange(now.id(), ChangeKind.ADDED, Optional.empty(), Optional.of(now), List.of(), Reason.ADDED));
                case UNCHANGED -> cosmeticDifference(before.get(link.from().getFirst()), now)
                        .ifPresent(reason -> changes.add(change(ChangeKind.MODIFIED, before.get(link.from().getFirst()), now, reason)));
                case MOVED -> changes.add(change(ChangeKind.MOVED, before.get(link.from().getFirst()), now, Reason.REORDERING));
                case MODIFIED -> {
                    Provision was = before.get(link.from().getFirst());
                    changes.add(change(ChangeKind.MODIFIED, was, now, classify(was, now)));
                }
                case SPLIT -> splits.computeIfAbsent(link.from().getFirst(), k -> new ArrayList<>()).add(now);
                case MERGED -> {
                    List<Provision> parts = link.from().stream().map(before::get).toList();
                    Provision joined = join(parts);
                    changes.add(new ProvisionChange(now.id(), ChangeKind.MERGED, Optional.of(joined), Optional.of(now),
                            WordDiff.of(joined.text(), now.text()), sameWords(joined, now) ? Reason.SPLIT_OR_MERGED : Reason.WORDING));
                }
            }
        }
        splits.forEach((original, parts) -> {
            Provision was = before.get(original);
            Provision joined = join(parts);
            changes.add(new ProvisionChange(was.id(), ChangeKind.SPLIT, Optional.of(was), Optional.of(joined),
                    WordDiff.of(was.text(), joined.text()), sameWords(was, joined) ? Reason.SPLIT_OR_MERGED : Reason.WORDING));
        });
        for (int removed : alignment.removed()) {
            Provision was = before.get(removed);
            changes.add(new ProvisionChange(was.id(), ChangeKind.REMOVED, Optional.of(was), Optional.empty(), List.of(), Reason.REMOVED));
        }
        return new ChangeSet(changes, EffectiveDate.in(before), EffectiveDate.in(after), technical);
    }

    private static ProvisionChange change(ChangeKind kind, Provision was, Provision now, Reason reason) {
        return new ProvisionChange(now.id().isEmpty() ? was.id() : now.id(), kind, Optional.of(was), Optional.of(now),
                WordDiff.of(was.text(), now.text()), reason);
    }

    /** Two provisions with the same words: what, if anything, still differs. */
    static Optional<Reason> cosmeticDifference(Provision was, Provision now) {
        if (was.markdown().equals(now.markdown()) && was.number().equals(now.number())) return Optional.empty();
        if (!was.number().equals(now.number())) return Optional.of(Reason.NUMBERING);
        if (!Texts.collapse(was.text()).equals(Texts.collapse(now.text()))) return Optional.of(textReason(was.text(), now.text()));
        String a = Texts.collapse(was.markdown()), b = Texts.collapse(now.markdown());
        if (a.equals(b)) return was.markdown().equals(now.markdown()) ? Optional.empty() : Optional.of(Reason.WHITESPACE);
        if (LINK_TARGET.matcher(a).replaceAll("]()").equals(LINK_TARGET.matcher(b).replaceAll("]()"))) return Optional.of(Reason.LINK_TARGET);
        return Optional.of(Reason.FORMATTING);
    }

    static Reason classify(Provision was, Provision now) {
        if (Texts.fingerprint(was.text()).equals(Texts.fingerprint(now.text()))) {
            return cosmeticDifference(was, now).orElse(Reason.WHITESPACE);
        }
        if (EffectiveDate.isDateLine(was) && EffectiveDate.isDateLine(now)
                && Texts.fingerprint(EffectiveDate.withoutDates(was.text())).equals(Texts.fingerprint(EffectiveDate.withoutDates(now.text())))) {
            return Reason.DATE_LINE;
        }
        return Reason.WORDING;
    }

    private static Reason textReason(String was, String now) {
        if (Texts.words(was).equals(Texts.words(now))) return Reason.PUNCTUATION;
        if (was.equalsIgnoreCase(now) || Texts.words(was.toLowerCase(java.util.Locale.ROOT)).equals(Texts.words(now.toLowerCase(java.util.Locale.ROOT)))) {
            return Reason.CAPITALISATION;
        }
        String stripped = MARKUP.matcher(was).replaceAll(""), other = MARKUP.matcher(now).replaceAll("");
        return Texts.collapse(stripped).equals(Texts.collapse(other)) ? Reason.FORMATTING : Reason.PUNCTUATION;
    }

    private static boolean sameWords(Provision a, Provision b) {
        return Texts.fingerprint(a.text()).equals(Texts.fingerprint(b.text()));
    }

    private static Provision join(List<Provision> parts) {
        Provision first = parts.getFirst();
        StringBuilder markdown = new StringBuilder(), text = new StringBuilder();
        for (Provision p : parts) {
            markdown.append(markdown.isEmpty() ? "" : "\n\n").append(p.markdown());
            text.append(text.isEmpty() ? "" : " ").append(p.text());
        }
        return new Provision(first.id(), first.position(), first.kind(), first.trail(), first.number(), markdown.toString(), text.toString());
    }
}
