package dev.clausewatch.change;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level differences inside one provision. Guarded against pathological inputs: texts that
 * share too few words, or are too long to diff, are reported as one replacement instead of being
 * diffed (a Myers diff of a full rewrite costs time proportional to length × edits).
 */
public final class WordDiff {
    /** One edit: the words removed and the words inserted at one place (either may be empty). */
    public record Edit(String removed, String inserted) {}

    /** A run of text for side-by-side display: kept on both sides, only before (removed), or only after (added). */
    public record Segment(Kind kind, String text) {
        public enum Kind { KEPT, REMOVED, ADDED }
    }

    static final int MAX_TOKENS = 6_000;
    static final double MIN_SHARED = 0.2;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?|[^\\s\\p{L}\\p{N}]");

    private WordDiff() {}

    public static List<Edit> of(String before, String after) {
        List<String> a = tokens(before), b = tokens(after);
        if (a.equals(b)) return List.of();
        if (a.size() + b.size() > MAX_TOKENS || shared(a, b) < MIN_SHARED) {
            return List.of(new Edit(String.join(" ", a), String.join(" ", b)));
        }
        List<Edit> edits = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            String removed = delta.getType() == DeltaType.INSERT ? "" : join(delta.getSource().getLines());
            String inserted = delta.getType() == DeltaType.DELETE ? "" : join(delta.getTarget().getLines());
            edits.add(new Edit(removed, inserted));
        }
        return edits;
    }

    /**
     * The two texts as runs of kept, removed and added words, for showing them side by side with
     * word-level highlights. Guarded like {@link #of}: texts too long or too different are one
     * removal and one addition.
     */
    public static List<Segment> segments(String before, String after) {
        List<String> a = tokens(before), b = tokens(after);
        List<Segment> segments = new ArrayList<>();
        if (a.size() + b.size() > MAX_TOKENS || (!a.equals(b) && shared(a, b) < MIN_SHARED)) {
            if (!a.isEmpty()) segments.add(new Segment(Segment.Kind.REMOVED, join(a)));
            if (!b.isEmpty()) segments.add(new Segment(Segment.Kind.ADDED, join(b)));
            return segments;
        }
        int position = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            int start = delta.getSource().getPosition();
            if (start > position) segments.add(new Segment(Segment.Kind.KEPT, join(a.subList(position, start))));
            if (!delta.getSource().getLines().isEmpty()) segments.add(new Segment(Segment.Kind.REMOVED, join(delta.getSource().getLines())));
            if (!delta.getTarget().getLines().isEmpty()) segments.add(new Segment(Segment.Kind.ADDED, join(delta.getTarget().getLines())));
            position = start + delta.getSource().size();
        }
        if (position < a.size()) segments.add(new Segment(Segment.Kind.KEPT, join(a.subList(position, a.size()))));
        return segments;
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) tokens.add(m.group());
        return tokens;
    }

    private static double shared(List<String> a, List<String> b) {
        Set<String> left = new HashSet<>(a), right = new HashSet<>(b);
        int common = 0;
        for (String t : left) if (right.contains(t)) common++;
        return left.isEmpty() || right.isEmpty() ? 0 : 2.0 * common / (left.size() + right.size());
    }

    /** Tokens back to readable text: no space before punctuation or after an opening bracket. */
    static String join(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        for (String t : tokens) {
            boolean punctuation = t.length() == 1 && !Character.isLetterOrDigit(t.charAt(0));
            boolean glue = punctuation && ".,;:!?)]}”’%".contains(t);
            if (!text.isEmpty() && !glue && !"([{“‘$".contains(String.valueOf(text.charAt(text.length() - 1)))) text.append(' ');
            text.append(t);
        }
        return text.toString();
    }
}
