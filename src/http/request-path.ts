/**
 * The path of a request target, or undefined when the target is not a URL at all (`//`,
 * `http://[`, a port past 65535). Every server parses the target through here, so such a request
 * is answered 400 instead of throwing where nothing catches it.
 */
export function requestPath(target: string | undefined): string | undefined {
  return URL.parse(target ?? '/', 'http://localhost')?.pathname;
}
