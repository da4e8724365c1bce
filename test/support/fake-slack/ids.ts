/**
 * Ids and timestamps shaped like Slack's, but deterministic per fake so a failing test prints the
 * same ids on every run.
 */

const ID_SPACE = 36n ** 10n;
// Odd and not a multiple of 3, so multiplying by it permutes 0..36^10-1: ids never repeat but do
// not look sequential (Slack's do not, and sequential ones hide mix-ups between counters).
const SCRAMBLE = 2654435761n;

/** First message ts: 2024-11-24T09:40:00Z plus 100µs, like "1732441200.000100". */
const FIRST_TS_MICROS = 1_732_441_200_000_100;
const TS_STEP_MICROS = 100;

export class IdSource {
  private readonly counters = new Map<string, number>();
  private tsMicros = FIRST_TS_MICROS - TS_STEP_MICROS;

  /** `prefix` + 10 upper-case alphanumerics, e.g. `C3F0KZ81QAB`. */
  id(prefix: string): string {
    const n = this.count(prefix);
    const scrambled = (BigInt(n) * SCRAMBLE) % ID_SPACE;
    return prefix + scrambled.toString(36).toUpperCase().padStart(10, '0');
  }

  /** Message timestamps: strictly increasing, six decimals, like "1732441200.000100". */
  ts(): string {
    this.tsMicros += TS_STEP_MICROS;
    const seconds = Math.floor(this.tsMicros / 1_000_000);
    const micros = this.tsMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  /** View hashes look like "1732441201.0000002a"; only their inequality matters. */
  hash(): string {
    const n = this.count('hash');
    return `${1_732_441_200 + n}.${n.toString(16).padStart(8, '0')}`;
  }

  /** Trigger ids look like "12345.98765.abcd2358fdea". */
  trigger(): string {
    const n = this.count('trigger');
    return `${1000 + n}.${1_732_441_200 + n}.${((BigInt(n) * SCRAMBLE) % ID_SPACE).toString(16).padStart(12, '0')}`;
  }

  count(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }
}
