package dev.clausewatch.provision;

/**
 * Bounds on the Markdown handed to the parser, so that no text can exhaust its stack or its time.
 * flexmark matches some block starts with regular expressions that recurse once per repeated
 * character (a line of 1,500 underscores overflowed the stack), and nesting costs it work per
 * level on every line. Three rules, none of which changes ordinary text: a run of one markup
 * character (spaces between allowed) longer than {@value #MAX_RUN} is cut to {@value #MAX_RUN};
 * leading indentation is cut to {@value #MAX_INDENT} columns; and at most {@value #MAX_MARKERS}
 * container markers ("&gt;", "-", "1.") open one line. The archive keeps the text as captured;
 * only what is parsed into provisions is bounded.
 */
final class MarkdownBounds {
    static final int MAX_RUN = 64;
    static final int MAX_INDENT = 48;
    static final int MAX_MARKERS = 16;

    private MarkdownBounds() {}

    static String bounded(String markdown) {
        if (!needsBounds(markdown)) return markdown;
        StringBuilder out = new StringBuilder(Math.min(markdown.length(), 1 << 20));
        int start = 0;
        while (start <= markdown.length()) {
            int end = markdown.indexOf('\n', start);
            if (end < 0) end = markdown.length();
            out.append(runsCut(markersCut(indentCut(markdown.substring(start, end)))));
            if (end < markdown.length()) out.append('\n');
            start = end + 1;
        }
        return out.toString();
    }

    /** A quick scan: most documents need none of this, and are returned as they are. */
    private static boolean needsBounds(String markdown) {
        int run = 0, indent = 0;
        char previous = 0;
        boolean lineStart = true;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\n') {
                lineStart = true;
                indent = 0;
                run = 0;
                continue;
            }
            if (lineStart && (c == ' ' || c == '\t')) {
                if (++indent > MAX_INDENT / 4) return true;
                continue;
            }
            lineStart = false;
            if (c == ' ' || c == '\t') continue;
            run = isMarkup(c) && c == previous ? run + 1 : 1;
            if (run > MAX_RUN / 4) return true;
            previous = c;
        }
        return false;
    }

    private static String indentCut(String line) {
        int columns = 0, i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            columns += line.charAt(i) == '\t' ? 4 - columns % 4 : 1;
            i++;
        }
        return columns <= MAX_INDENT ? line : " ".repeat(MAX_INDENT) + line.substring(i);
    }

    /** Drops container markers past the bound at the start of a line ("> > > …", "- - - …", "1. 1. 1. …"). */
    private static String markersCut(String line) {
        int i = 0, markers = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        int keptEnd = i;
        while (i < line.length()) {
            int next = marker(line, i);
            if (next < 0) break;
            while (next < line.length() && (line.charAt(next) == ' ' || line.charAt(next) == '\t')) next++;
            markers++;
            i = next;
            if (markers <= MAX_MARKERS) keptEnd = i;
        }
        return markers <= MAX_MARKERS ? line : line.substring(0, keptEnd) + line.substring(i);
    }

    /** The end of a container marker at {@code i} (followed by a space, or "&gt;" alone), or -1. */
    private static int marker(String line, int i) {
        char c = line.charAt(i);
        if (c == '>') return i + 1;
        if ((c == '-' || c == '+' || c == '*') && i + 1 < line.length() && line.charAt(i + 1) == ' ') return i + 1;
        int j = i;
        while (j < line.length() && j - i < 9 && Character.isDigit(line.charAt(j))) j++;
        if (j > i && j + 1 < line.length() && (line.charAt(j) == '.' || line.charAt(j) == ')') && line.charAt(j + 1) == ' ') return j + 1;
        return -1;
    }

    /** Cuts each run of one markup character (blanks between allowed) to {@value #MAX_RUN} of it. */
    private static String runsCut(String line) {
        StringBuilder out = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!isMarkup(c)) {
                if (out != null) out.append(c);
                i++;
                continue;
            }
            int j = i, count = 0, keptEnd = i;
            while (j < line.length() && (line.charAt(j) == c || line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                if (line.charAt(j) == c && ++count <= MAX_RUN) keptEnd = j + 1;
                j++;
            }
            if (count > MAX_RUN) {
                if (out == null) out = new StringBuilder(line.length()).append(line, 0, i);
                out.append(line, i, keptEnd).append(line, lastBlankStart(line, j), j);
            } else if (out != null) {
                out.append(line, i, j);
            }
            i = j;
        }
        return out == null ? line : out.toString();
    }

    /** Where the blanks that end a run begin (so the text after a cut run stays separated from it). */
    private static int lastBlankStart(String line, int end) {
        int k = end;
        while (k > 0 && (line.charAt(k - 1) == ' ' || line.charAt(k - 1) == '\t')) k--;
        return k;
    }

    private static boolean isMarkup(char c) {
        return "*_-=~`#+>|[](){}<!\\.:".indexOf(c) >= 0;
    }
}
