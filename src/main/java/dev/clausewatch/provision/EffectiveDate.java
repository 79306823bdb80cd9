package dev.clausewatch.provision;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date a document says it was last updated or takes effect, with the provision that says so
 * and the words it says it in. Found in the formats real terms use ("Last Updated: September 28,
 * 2023", "Effective: 1 January 2024", "Updated 2024-01-01", "Effective as of Jan. 5, 2022");
 * absent when no provision states one: never guessed.
 */
public record EffectiveDate(LocalDate date, String label, String provisionId, int position, String quote) {
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    /**
     * An age instead of a date ("Updated: 22 days ago"): pages that render it change every day without
     * changing a word of their rules. It marks a date line but is never an effective date.
     */
    private static final String RELATIVE = "\\d{1,4}\\s+(?:second|minute|hour|day|week|month|year)s?\\s+ago|an?\\s+(?:minute|hour|day|week|month|year)\\s+ago|yesterday|today";
    private static final String DATE = "(?<date>" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+" + MONTH
            + ",?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|" + RELATIVE + ")";
    private static final Pattern STATED = Pattern.compile("(?<label>last\\s+(?:updated|modified|revised|amended)|date\\s+of\\s+last\\s+revision"
            + "|effective(?:\\s+date)?|in\\s+effect|updated|revised|version\\s+date|dated)"
            + "(?:\\s+(?:on|as\\s+of|from|since))?\\s*[:\\-–—]?\\s*[*_]*\\s*" + DATE, Pattern.CASE_INSENSITIVE);
    static final Pattern ANY_DATE = Pattern.compile(DATE, Pattern.CASE_INSENSITIVE);

    /** The first stated date among the provisions, in document order. */
    public static Optional<EffectiveDate> in(List<Provision> provisions) {
        for (Provision p : provisions) {
            if (!hasDigit(p.text())) continue;
            Matcher m = STATED.matcher(p.text());
            while (m.find()) {
                Optional<LocalDate> date = parse(m.group("date"));
                if (date.isPresent()) {
                    String label = m.group("label").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                    return Optional.of(new EffectiveDate(date.get(), label, p.id(), p.position(), m.group().strip()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a provision is only a date statement ("Last updated: March 3, 2024"): short, and stating a date. */
    public static boolean isDateLine(Provision p) {
        return isDateLine(p.text());
    }

    /** Whether a text is only a date statement (see {@link #isDateLine(Provision)}). */
    public static boolean isDateLine(String text) {
        return Texts.wordCount(text) <= 12 && hasDigit(text) && STATED.matcher(text).find();
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) if (Character.isDigit(text.charAt(i))) return true;
        return false;
    }

    /** The provision's text with every date taken out: two date lines that differ only in their dates have equal remainders. */
    public static String withoutDates(String text) {
        return ANY_DATE.matcher(text).replaceAll(" ");
    }

    static Optional<LocalDate> parse(String text) {
        String cleaned = text.replaceAll("(?i)(\\d)(st|nd|rd|th)", "$1").replace(",", " ").replace(".", " ").replaceAll("\\s+", " ").strip();
        for (String pattern : List.of("MMMM d yyyy", "MMM d yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy-MM-dd")) {
            try {
                String normalised = cleaned.replaceAll("(?i)\\bsept\\b", "Sep");
                return Optional.of(LocalDate.parse(capitalised(normalised), DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)));
            } catch (DateTimeParseException next) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static String capitalised(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!out.isEmpty()) out.append(' ');
            out.append(word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
