/** A moment's wall-clock date and hour in a zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
}

// One formatter per zone, kept: making one costs far more than using it, and a range of insights
// asks for thousands of moments in the same zone.
const formats = new Map<string, Intl.DateTimeFormat>();

export function localTime(ms: number, timezone: string): LocalTime {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
    });
    formats.set(timezone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: (parts.hour ?? 0) % 24 };
}
