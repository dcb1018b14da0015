/**
 * Which server addresses the app sends credentials to: https only, except plain http to this PC
 * itself (the simulator, a local proxy). Anything else would put the client secret and the tokens
 * on the wire in clear text.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** True for https://…, and for http:// to a loopback host; never with a user name or password. */
export function isAllowedServerUrl(url: URL): boolean {
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

export const SERVER_URL_RULE = 'Must be an https:// address (http:// only for this computer itself), without a user name or password';

/**
 * The host a secret is bound to: it only ever goes to the server it was entered for. The scheme
 * is left out so an http address upgraded to https keeps its secret; the port is kept.
 */
export function secretHostOf(baseUrl: string): string | null {
  try {
    return new URL(baseUrl.trim()).host.toLowerCase();
  } catch {
    return null;
  }
}
