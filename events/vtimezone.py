"""VTIMEZONE components built from zoneinfo as RRULE-based STANDARD/DAYLIGHT observances.

icalendar's add_missing_timezones lists every transition as comma-separated RDATE values;
clients built on ical.js read those wrongly and show times an hour off. Calendar servers
describe a zone by yearly rules instead ("last Sunday of March at 02:00"), which every
client reads: the transitions in the years around the events are found in zoneinfo,
consecutive years that follow the same rule become one observance with an RRULE (bounded
by UNTIL when the rule stopped, open-ended when it still applies).
"""

import calendar
import datetime
import zoneinfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

UTC = datetime.UTC
_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_EPOCH = datetime.datetime(1970, 1, 1)


def _offset(zone, instant):
    return instant.astimezone(zone).utcoffset()


def _transitions(zone, first_year, last_year):
    """(utc instant, offset before, offset after, name after, is_dst after) in the years."""
    found = []
    day = datetime.timedelta(days=1)
    moment = datetime.datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    before = _offset(zone, moment)
    while moment < end:
        following = moment + day
        after = _offset(zone, following)
        if after != before:
            low, high = moment, following  # the change lies in (low, high]
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            instant = high.replace(microsecond=0)
            local = instant.astimezone(zone)
            found.append((instant, before, after, local.tzname(), bool(local.dst())))
            before = after
        moment = following
    return found


def _weekday_rules(local):
    """The BYDAY values a local date matches: its n-th weekday and, if so, the last one."""
    weekday = _WEEKDAYS[local.weekday()]
    rules = {f"{(local.day - 1) // 7 + 1}{weekday}"}
    if local.day + 7 > calendar.monthrange(local.year, local.month)[1]:
        rules.add(f"-1{weekday}")
    return rules


def _observances(transitions, last_year):
    """Group yearly transitions that follow one rule; each group becomes one observance."""
    runs = []
    for instant, before, after, name, is_dst in transitions:
        local = (instant + before).replace(tzinfo=None)  # onset, in the time before it
        shape = (before, after, name, is_dst, local.month, local.time())
        rules = _weekday_rules(local)
        for run in runs:
            if (
                run["shape"] == shape
                and run["last"].year == local.year - 1
                and run["rules"] & rules
            ):
                run["rules"] &= rules
                run["last"] = local
                run["until"] = instant
                break
        else:
            runs.append(
                {"shape": shape, "rules": rules, "first": local, "last": local, "until": instant}
            )
    observances = []
    for run in runs:
        before, after, name, is_dst, month, _time = run["shape"]
        component = TimezoneDaylight() if is_dst else TimezoneStandard()
        component.add("dtstart", run["first"])
        component.add("tzoffsetfrom", before)
        component.add("tzoffsetto", after)
        if name:
            component.add("tzname", name)
        if run["last"] != run["first"] or run["last"].year >= last_year:
            # Prefer "last Sunday" (-1SU) to "fourth Sunday" when both fit every year.
            byday = sorted(run["rules"])[0]
            rule = {"freq": "yearly", "bymonth": month, "byday": byday}
            if run["last"].year < last_year:
                rule["until"] = run["until"]
            component.add("rrule", rule)
        observances.append(component)
    return observances


def vtimezone(tzid, first_year, last_year):
    """A VTIMEZONE for tzid valid for local times from first_year to last_year."""
    zone = zoneinfo.ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    transitions = _transitions(zone, first_year - 1, last_year)
    observances = _observances(transitions, last_year)
    if not observances:
        # A zone without changes in these years: one standard observance.
        offset = _offset(zone, datetime.datetime(first_year, 1, 1, tzinfo=UTC))
        standard = TimezoneStandard()
        standard.add("dtstart", _EPOCH)
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        name = datetime.datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone).tzname()
        if name:
            standard.add("tzname", name)
        observances = [standard]
    for observance in observances:
        component.add_component(observance)
    return component
