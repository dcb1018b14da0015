/** Client configuration with defaults applied and everything a person must fill in checked. */
import { DEFAULT_CURRENCY_DECIMALS, MAX_CURRENCY_DECIMALS } from './money';
import { isAllowedServerUrl } from '../../common/server-address';
import { isValidTimeZone } from './timestamps';
import type { ApiVersion, ClientConfig } from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_PAGE_LIMIT = 50;
export const DEFAULT_MAX_PAGES = 20;
/** v1 documents `limit` 1–100; v2 states no maximum, so the same cap keeps pages bounded. */
const MAX_PAGE_LIMIT = 100;
const MAX_PAGES_CAP = 100;
const MAX_TIMEOUT_MS = 120_000;

export interface ResolvedConfig {
  api: ApiVersion;
  /** The base the client appends paths to: with `/v2` for v2. */
  apiBase: string;
  brand: string;
  venues: string[];
  clientId: string;
  integratorId: string;
  timeoutMs: number;
  pageLimit: number;
  maxPages: number;
  /** undefined = the process' zone. */
  timeZone: string | undefined;
  /** Whole number 0–4: computed money is rounded to this many decimals. */
  currencyDecimals: number;
  /** What a person must fill in before any request is sent; empty when complete. */
  missing: string[];
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function apiBaseOf(baseUrl: string, api: ApiVersion): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return null;
  }
  if (!isAllowedServerUrl(url)) return null;
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (api === 'v1') return base;
  // People paste the v2 address as shown in the docs; do not end up with /v2/v2.
  return base.endsWith('/v2') ? base : `${base}/v2`;
}

export function resolveConfig(config: ClientConfig): ResolvedConfig {
  const missing: string[] = [];
  const api: ApiVersion = config.api === 'v2' ? 'v2' : 'v1';
  const apiBase = apiBaseOf(config.baseUrl ?? '', api);
  if (apiBase === null) missing.push('a valid https:// server address (http:// only for this computer itself)');
  const brand = config.brand?.trim() ?? '';
  if (!brand) missing.push('brand');
  const venues = (config.venues ?? []).map((v) => v.trim()).filter((v) => v !== '');
  if (venues.length === 0) missing.push('at least one venue id');
  const timeZone = config.timeZone?.trim() || undefined;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) missing.push(`a known time zone (not "${timeZone}")`);
  return {
    api,
    apiBase: apiBase ?? '',
    brand,
    venues: [...new Set(venues)],
    clientId: config.clientId?.trim() ?? '',
    integratorId: config.integratorId?.trim() ?? '',
    timeoutMs: clampInt(config.timeoutMs, DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS),
    pageLimit: clampInt(config.pageLimit, DEFAULT_PAGE_LIMIT, 1, MAX_PAGE_LIMIT),
    maxPages: clampInt(config.maxPages, DEFAULT_MAX_PAGES, 1, MAX_PAGES_CAP),
    timeZone,
    currencyDecimals: clampInt(config.currencyDecimals, DEFAULT_CURRENCY_DECIMALS, 0, MAX_CURRENCY_DECIMALS),
    missing,
  };
}
