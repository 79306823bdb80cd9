package dev.clausewatch.alert;

import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** When an organisation's weekly digest goes out: a day of the week and an hour, in its time zone. */
public record DigestSchedule(DayOfWeek day, int hour, ZoneId zone) {
    public static final DigestSchedule DEFAULT = new DigestSchedule(DayOfWeek.MONDAY, 8, ZoneId.of("UTC"));

    public DigestSchedule {
        if (hour < 0 || hour > 23) throw new IllegalArgumentException("a digest hour is 0 to 23, not " + hour);
    }

    /** Reads {@code monday}, {@code 8} and {@code Europe/Brussels}, naming what is wrong. */
    public static DigestSchedule parse(String day, int hour, String zone) {
        DayOfWeek d;
        try {
            d = DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + day + "\" is not a day of the week: use monday … sunday");
        }
        ZoneId z;
        try {
            z = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + zone + "\" is not a time zone: use an IANA name such as Europe/Brussels or America/New_York");
        }
        return new DigestSchedule(d, hour, z);
    }

    /**
     * The latest time the digest was due at or before {@code now}: this week's day and hour in the
     * zone, or last week's if that is still ahead (an hour skipped by a clock change moves forward).
     */
    public Instant lastDueAt(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime due = local.with(TemporalAdjusters.previousOrSame(day)).truncatedTo(ChronoUnit.DAYS).withHour(hour);
        if (due.isAfter(local)) due = due.minusWeeks(1).truncatedTo(ChronoUnit.DAYS).withHour(hour);
        return due.toInstant();
    }

    @Override
    public String toString() {
        return day.name().charAt(0) + day.name().substring(1).toLowerCase(Locale.ROOT) + "s at " + String.format(Locale.ROOT, "%02d:00", hour) + " " + zone;
    }
}
