package de.fallnetz.interactions.deadline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.domain.DeadlineRule;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * When a deadline falls due. The day of the start does not count (§187 Abs. 1 BGB); a period in weeks or months ends on
 * the same weekday or date (§188 Abs. 2 BGB); working days skip Saturdays, Sundays and the public holidays of the
 * office's Land (from the Jollyday library). The deadline ends at 24:00 local time of its last day.
 */
@ApplicationScoped
public class DeadlineCalculator {

    private final HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.GERMANY));

    /** The end of the deadline that starts at {@code start}, or null when the rule has none. */
    public Instant dueAt(DeadlineRule rule, Instant start, String officeLand) {
        if (!rule.hasDeadline()) {
            return null;
        }
        LocalDate first = start.atZone(InteractionClock.ZONE).toLocalDate();
        LocalDate last = switch (rule.unit()) {
            case "CALENDAR_DAYS" -> first.plusDays(rule.amount());
            case "WEEKS" -> first.plusWeeks(rule.amount());
            case "MONTHS" -> first.plusMonths(rule.amount());
            case "WORKING_DAYS" -> plusWorkingDays(first, rule.amount(), officeLand);
            default -> throw new IllegalArgumentException("Unknown deadline unit " + rule.unit());
        };
        return endOf(last);
    }

    /** 24:00 local time of {@code day}, i.e. the first instant of the next day. */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(InteractionClock.ZONE).toInstant();
    }

    public LocalDate plusWorkingDays(LocalDate from, int days, String officeLand) {
        LocalDate day = from;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day, officeLand)) {
                counted++;
            }
        }
        return day;
    }

    /** Monday to Friday and not a public holiday of the Land ({@code DE-BY} etc.) or of the whole country. */
    public boolean isWorkingDay(LocalDate day, String officeLand) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        String land = officeLand == null ? null : officeLand.toLowerCase(Locale.ROOT).replaceFirst("^de-", "");
        return land == null || land.isBlank() ? !holidays.isHoliday(day, HolidayType.PUBLIC_HOLIDAY)
                : !holidays.isHoliday(day, HolidayType.PUBLIC_HOLIDAY, land);
    }
}
