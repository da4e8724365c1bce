import type { Policy } from '../../config/policy';
import { minuteFormatter } from '../../postmortem/time-format';
import { isTimeZone } from '../../text/zoned-time';
import type { Reader } from '../console.types';

/** The reader's zone as Slack has it, else the policy's (a zone Slack gives that Intl does not know, too). */
export const readerZone = (reader: Reader, policy: Policy): string =>
  reader.timeZone && isTimeZone(reader.timeZone) ? reader.timeZone : policy.timezone;

/** "2026-03-08 01:40 EST" in the reader's zone. */
export const readerTime = (reader: Reader, policy: Policy): ((ms: number) => string) =>
  minuteFormatter(readerZone(reader, policy));
