package dev.clausewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a weekly digest is due, in the organisation's own time zone, across clock changes. */
class DigestScheduleTest {
    private final DigestSchedule mondayNineBrussels = DigestSchedule.parse("Monday", 9, "Europe/Brussels");

    @Test
    void the_last_due_time_is_this_weeks_hour_once_it_has_passed_else_last_weeks() {
        // Monday 2026-11-30, 09:00 in Brussels is 08:00 UTC (winter time).
        assertThat(mondayNineBrussels.lastDueAt(Instant.parse("2026-11-30T07:59:59Z"))).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(mondayNineBrussels.lastDueAt(Instant.parse("2026-11-30T08:00:00Z"))).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(mondayNineBrussels.lastDueAt(Instant.parse("2026-12-06T23:00:00Z"))).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void the_hour_stays_local_across_a_clock_change() {
        // Summer time starts on Sunday 2027-03-28: the next Monday's 09:00 is 07:00 UTC.
        assertThat(mondayNineBrussels.lastDueAt(Instant.parse("2027-03-29T07:30:00Z"))).isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
        assertThat(mondayNineBrussels.lastDueAt(Instant.parse("2027-03-29T06:59:00Z"))).isEqualTo(Instant.parse("2027-03-22T08:00:00Z"));
        // 02:00 on 2027-03-28 does not exist in Brussels: a Sunday 02:00 digest goes out at 03:00 local, 01:00 UTC.
        DigestSchedule sundayTwo = DigestSchedule.parse("sunday", 2, "Europe/Brussels");
        assertThat(sundayTwo.lastDueAt(Instant.parse("2027-03-28T12:00:00Z"))).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
    }

    @Test
    void bad_settings_are_refused_naming_the_value_and_the_rule() {
        assertThatThrownBy(() -> DigestSchedule.parse("someday", 9, "UTC")).hasMessageContaining("\"someday\" is not a day of the week");
        assertThatThrownBy(() -> DigestSchedule.parse("monday", 24, "UTC")).hasMessage("a digest hour is 0 to 23, not 24");
        assertThatThrownBy(() -> DigestSchedule.parse("monday", 9, "Mars/Olympus")).hasMessageContaining("\"Mars/Olympus\" is not a time zone");
    }
}
