package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A clinical time as the EHR keeps it: as written, plus its range in local time and in UTC for range queries
 * (the column convention of {@code V4__clinical_record_foundation.sql}). A value without offset (a date) is the
 * same range in both.
 *
 * @param text the value as written (ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or a date-time with offset)
 */
public record ClinicalTime(String text, LocalDateTime localStart, LocalDateTime localEnd, LocalDateTime utcStart,
        LocalDateTime utcEnd) {

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Parses a FHIR date, dateTime or instant.
     *
     * @throws IllegalArgumentException when it is none of them (FHIR requires an offset when a time is given)
     */
    public static ClinicalTime parse(String text) {
        try {
            if (YEAR.matcher(text).matches()) {
                LocalDateTime start = LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay();
                return plain(text, start, start.plusYears(1));
            }
            if (YEAR_MONTH.matcher(text).matches()) {
                LocalDateTime start = LocalDate.parse(text + "-01").atStartOfDay();
                return plain(text, start, start.plusMonths(1));
            }
            if (DATE.matcher(text).matches()) {
                LocalDateTime start = LocalDate.parse(text).atStartOfDay();
                return plain(text, start, start.plusDays(1));
            }
            OffsetDateTime value = OffsetDateTime.parse(text);
            // Seconds or milliseconds as written: the range is one unit of the precision given.
            ChronoUnit unit = text.contains(".") ? ChronoUnit.MILLIS : ChronoUnit.SECONDS;
            LocalDateTime local = value.toLocalDateTime();
            LocalDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            return new ClinicalTime(text, local, local.plus(1, unit), utc, utc.plus(1, unit));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a FHIR date or dateTime: " + text, e);
        }
    }

    /**
     * Puts the five columns of the clinical time {@code name} ({@code name_text}, {@code name_local_start}, ...)
     * into {@code columns}; all NULL when {@code text} is null.
     */
    public static void put(Map<String, Object> columns, String name, String text) {
        ClinicalTime time = text == null ? null : parse(text);
        columns.put(name + ColumnGroups.TEXT, time == null ? null : time.text());
        columns.put(name + ColumnGroups.LOCAL_START, time == null ? null : time.localStart());
        columns.put(name + ColumnGroups.LOCAL_END, time == null ? null : time.localEnd());
        columns.put(name + ColumnGroups.UTC_START, time == null ? null : time.utcStart());
        columns.put(name + ColumnGroups.UTC_END, time == null ? null : time.utcEnd());
    }

    private static ClinicalTime plain(String text, LocalDateTime start, LocalDateTime end) {
        return new ClinicalTime(text, start, end, start, end);
    }
}
