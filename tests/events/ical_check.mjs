// Reads an iCalendar file with ical.js (the parser of many calendar clients), not with the
// Python library that wrote it, and prints each event's times in UTC as JSON:
//   node tests/events/ical_check.mjs < calendar.ics
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ICAL = (await import(join(root, "node_modules", "ical.js", "dist", "ical.js"))).default;

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const utc = (time) => (time ? time.toJSDate().toISOString() : null);
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    sequence: event.sequence,
    tzid: component.getFirstProperty("dtstart").getParameter("tzid") || null,
    start: utc(event.startDate),
    end: component.hasProperty("dtend") ? utc(event.endDate) : null,
  };
});
process.stdout.write(JSON.stringify(events));
