import Module from 'node:module';

/**
 * zod's core requires every locale it ships, some fifty modules, only to offer `z.locales`;
 * Commander speaks English, which zod loads by itself. That costs about 25 ms of every start and
 * a megabyte of memory for as long as the process lives. Seeding require's cache with a stand-in
 * for the locales' index keeps them unread until something reaches into `z.locales`, which then
 * gets the real index. Must run before zod is first required. If zod moves its locales, or they
 * are already loaded, nothing is seeded and zod loads as it always did.
 */
export function deferZodLocales(): void {
  let indexPath: string;
  try {
    indexPath = require.resolve('zod/v4/locales');
  } catch {
    return;
  }
  if (require.cache[indexPath]) return;
  const standIn = new Module(indexPath);
  standIn.filename = indexPath;
  standIn.loaded = true;
  let real: Record<string | symbol, unknown> | undefined;
  const load = () => {
    if (!real) {
      delete require.cache[indexPath];
      real = require(indexPath) as Record<string | symbol, unknown>;
    }
    return real;
  };
  // zod imports the index with `__importStar`, which passes a module marked `__esModule` through
  // untouched, so no property is read until someone asks for a locale.
  standIn.exports = new Proxy(
    {},
    {
      get: (_target, key) => (key === '__esModule' ? true : load()[key]),
      has: (_target, key) => key === '__esModule' || key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Object.getOwnPropertyDescriptor(load(), key);
        // A proxy may not report a property its (empty) target lacks as non-configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  require.cache[indexPath] = standIn;
}

deferZodLocales();
