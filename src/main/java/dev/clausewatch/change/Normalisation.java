package dev.clausewatch.change;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The declared rules that make two texts compare equal when they say the same thing: each has a
 * name a reader understands, and when only some rules are needed to make two texts equal, those
 * are the cosmetic reason. Applied in this order, each to the output of the ones before.
 */
public final class Normalisation {
    /** One rule: a name for people and what it does to a text. */
    public enum Rule {
        UNICODE_FORMS("Unicode compatibility forms", text -> Normalizer.normalize(text, Normalizer.Form.NFKC)),
        INVISIBLE_CHARACTERS("invisible characters (zero-width, soft hyphens, format marks)", text -> FORMAT.matcher(text).replaceAll("")),
        QUOTES_AND_DASHES("quotes and dashes", Normalisation::quotesAndDashes),
        MARKDOWN("Markdown markup that does not change the text", Normalisation::withoutMarkup),
        WEB_ADDRESSES("web addresses written out", text -> ADDRESS.matcher(text).replaceAll("(address)")),
        WHITESPACE("white space", text -> SPACES.matcher(text).replaceAll(" ").strip()),
        DATE_FORMATS("date formats", Normalisation::isoDates),
        NUMBER_WORDS("numbers written as words or digits", Normalisation::digits),
        CAPITALISATION("capitalisation", text -> text.toLowerCase(Locale.ROOT)),
        PUNCTUATION("punctuation", text -> SPACES.matcher(PUNCTUATION_MARK.matcher(text).replaceAll(" ")).replaceAll(" ").strip()),
        INLINE_SPACING("spacing between inline elements", text -> SPACES.matcher(text).replaceAll(""));

        private final String description;
        private final UnaryOperator<String> apply;

        Rule(String description, UnaryOperator<String> apply) {
            this.description = description;
            this.apply = apply;
        }

        public String description() {
            return description;
        }

        public String apply(String text) {
            return apply.apply(text);
        }
    }

    private static final Pattern FORMAT = Pattern.compile("[\\p{Cf}\\u034F\\u115F\\u1160\\u3164\\uFFA0]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u2000-\\u200A]+");
    /**
     * Punctuation and separators ("|", "•"), but not a point or comma inside a number ("1.5", "1,000"
     * keep theirs: "1.5%" is not "15%"), nor the symbols that say something: currency, %, comparisons.
     */
    private static final Pattern PUNCTUATION_MARK = Pattern.compile("(?<!\\d)[.,]|[.,](?!\\d)|[[\\p{P}\\p{S}]&&[^.,%$€£¥<>=+\\p{Sc}]]");
    /** A web address written in the text: where a page lives, like a link's target, not what the provision says. */
    private static final Pattern ADDRESS = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>()\\[\\]]{1,2048}[^\\s<>()\\[\\].,;:!?'\"]");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(?=\\p{Punct})");
    /*
     * Link text holds no bracket and a target no parenthesis but one balanced pair ("Foo_(bar)"): with
     * either free to run on, every "[" or "](" of a hostile line scans to its end, quadratic in all.
     * Written without a repeated group, which Java matches by recursion and overflows on long runs.
     */
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\[\\]]*)\\]\\([^()]*+(?:\\([^()]*+\\)[^()]*+)?\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|_{1,3}|~~|`+)");
    private static final Pattern LINE_MARKUP = Pattern.compile("(?m)^\\h*(#{1,6}\\s+|>\\s*|[-*+]\\s+)");
    private static final Map<String, String> NUMBERS = numberWords();
    private static final Pattern NUMBER_WORD = Pattern.compile("(?i)\\b(" + String.join("|", NUMBERS.keySet()) + ")\\b");
    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("(?i)\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+" + MONTH + ",?\\s+(\\d{4})\\b");
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");

    private Normalisation() {}

    /** The text with every rule applied: two texts with the same normal form say the same thing. */
    public static String normal(String text) {
        return NORMALS.get(text, t -> apply(t, EnumSet.allOf(Rule.class)));
    }

    /* The same provision texts are compared again and again (each version with the one before and with recent ones): kept, bounded by size. */
    private static final com.github.benmanes.caffeine.cache.Cache<String, String> NORMALS = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumWeight(16_000_000).weigher((String text, String normal) -> text.length() + normal.length()).build();

    /** The words of the text with every rule but inline spacing applied ("organize", "3", "2024-01-05"), in order. */
    public static List<String> words(String text) {
        EnumSet<Rule> rules = EnumSet.allOf(Rule.class);
        rules.remove(Rule.INLINE_SPACING);
        String normal = apply(text, rules).strip();
        return normal.isEmpty() ? List.of() : List.of(normal.split("\\s+"));
    }

    /** The text with the given rules applied, in the declared order. */
    public static String apply(String text, Set<Rule> rules) {
        String out = text;
        for (Rule rule : Rule.values()) if (rules.contains(rule)) out = rule.apply(out);
        return out;
    }

    /**
     * The rules that make {@code before} and {@code after} equal, as few as will do (each one in
     * the list is needed: without it they differ); empty when even all of them leave a difference.
     */
    public static Optional<List<Rule>> cosmetic(String before, String after) {
        if (before.equals(after)) return Optional.of(List.of());
        EnumSet<Rule> needed = null;
        // The rewriting rules can also keep two texts apart ("July 1, 2021" is read as a date, "July 1; 2021" is not): without them too.
        for (Set<Rule> without : List.of(Set.<Rule>of(), Set.of(Rule.DATE_FORMATS), Set.of(Rule.NUMBER_WORDS), Set.of(Rule.DATE_FORMATS, Rule.NUMBER_WORDS))) {
            EnumSet<Rule> rules = EnumSet.allOf(Rule.class);
            rules.removeAll(without);
            if (apply(before, rules).equals(apply(after, rules))) {
                needed = rules;
                break;
            }
        }
        if (needed == null) return Optional.empty();
        // The strongest rules are dropped first, so that the weakest explanation that will do is kept
        // ("white space", not "spacing between inline elements"); Unicode forms go first, as they
        // also fold spaces and quotes that the rules named for them explain better.
        List<Rule> order = new ArrayList<>(List.of(Rule.values()).reversed());
        order.remove(Rule.UNICODE_FORMS);
        order.addFirst(Rule.UNICODE_FORMS);
        for (Rule rule : order) {
            needed.remove(rule);
            if (!apply(before, needed).equals(apply(after, needed))) needed.add(rule);
        }
        return Optional.of(new ArrayList<>(needed));
    }

    private static String quotesAndDashes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(switch (c) {
                case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '`' -> '\'';
                case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> '"';
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D' -> '-';
                case '\u2026' -> "...";
                default -> c;
            });
        }
        return out.toString();
    }

    private static String withoutMarkup(String text) {
        String out = ESCAPE.matcher(text).replaceAll("");
        out = LINK.matcher(out).replaceAll("$1");
        out = LINE_MARKUP.matcher(out).replaceAll("");
        return EMPHASIS.matcher(out).replaceAll("");
    }

    private static String digits(String text) {
        Matcher m = NUMBER_WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, NUMBERS.get(m.group(1).toLowerCase(Locale.ROOT)));
        return m.appendTail(out).toString();
    }

    /** Dates written with a month name ("January 5, 2024", "5th of January 2024") or as ISO, all as ISO dates. */
    private static String isoDates(String text) {
        String out = replace(MONTH_DAY_YEAR, text, m -> date(m.group(3), m.group(1), m.group(2)));
        out = replace(DAY_MONTH_YEAR, out, m -> date(m.group(3), m.group(2), m.group(1)));
        return replace(ISO, out, m -> date(m.group(1), m.group(2), m.group(3)));
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        return m.appendTail(out).toString();
    }

    private static String date(String year, String month, String day) {
        try {
            int number = month.chars().allMatch(Character::isDigit) ? Integer.parseInt(month) : MONTHS.get(month.toLowerCase(Locale.ROOT).replace(".", ""));
            return LocalDate.of(Integer.parseInt(year), number, Integer.parseInt(day)).toString();
        } catch (RuntimeException notADate) {
            return year + "-" + month + "-" + day; // "February 30, 2024" stays as written, in one form
        }
    }

    private static final Map<String, Integer> MONTHS = months();

    private static Map<String, Integer> months() {
        Map<String, Integer> months = new HashMap<>();
        for (Month m : Month.values()) {
            months.put(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), m.getValue());
            months.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), m.getValue());
        }
        months.put("sept", 9);
        return months;
    }

    /** English number words up to twenty, and the tens: how counts are written in policies ("three days", "thirty days"). */
    private static Map<String, String> numberWords() {
        String[] small = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
        String[] tens = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        Map<String, String> words = new java.util.LinkedHashMap<>();
        // Longest first, so that "seventeen" is not read as "seven" + "teen".
        for (int i = tens.length - 1; i >= 0; i--) words.put(tens[i], String.valueOf(30 + 10 * i));
        for (int i = small.length - 1; i >= 0; i--) words.put(small[i], String.valueOf(i));
        return words;
    }
}
