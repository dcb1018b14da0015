/**
 * The connection check shown by the CLI `check` and the app's "Test connection": configuration,
 * sign-in, then the first page of pending orders for each venue, each step saying what happened
 * and, when it failed, what to do.
 */
import type { Diagnosis, DiagnosisStep } from '../../common/engine';
import type { AppError } from '../../common/result';
import { PASTED_TOKEN_WARNING, type TokenManager } from './auth';
import type { ResolvedConfig } from './config';
import type { PendingLister } from './pending-orders';
import type { ClientDeps } from './types';

export interface DiagnosisParts {
  config: ResolvedConfig;
  credentials: ClientDeps['credentials'];
  /** One sign-in per venue for v1, one for v2: each is checked. */
  tokens: TokenManager[];
  lister: PendingLister;
}

const NOT_TRIED = 'Not tried: an earlier step failed.';

const FAILED: Record<string, string> = {
  offline: 'Clopos could not be reached',
  timeout: 'Clopos did not answer in time',
  auth: 'Clopos refused access',
  'rate-limited': 'Clopos is rate limiting this brand',
  server: 'Clopos had a server problem',
  'bad-response': 'Clopos answered with something unexpected',
  'not-found': 'Clopos did not find what was asked for',
  config: 'The configuration is incomplete',
};

function failedStep(id: DiagnosisStep['id'], error: AppError): DiagnosisStep {
  return { id, ok: false, message: `${FAILED[error.kind] ?? 'The step failed'} (${error.kind}).` };
}

async function credentialGaps(parts: DiagnosisParts): Promise<{ missing: string[]; pasted: boolean }> {
  let secretSet = false;
  let tokenSet = false;
  try {
    const credentials = await parts.credentials();
    secretSet = Boolean(credentials.clientSecret);
    tokenSet = Boolean(credentials.token);
  } catch {
    return { missing: ['a readable client secret (the stored one could not be read)'], pasted: false };
  }
  const missing: string[] = [];
  if (!secretSet && !tokenSet) missing.push('client secret (or a pasted token)');
  if (secretSet && !parts.config.clientId) missing.push('client id');
  if (secretSet && parts.config.api === 'v2' && !parts.config.integratorId) missing.push('integrator id');
  return { missing, pasted: !secretSet && tokenSet };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function diagnose(parts: DiagnosisParts, signal?: AbortSignal): Promise<Diagnosis> {
  const { config } = parts;
  const steps: DiagnosisStep[] = [];
  const advice: string[] = [];
  const warnings: string[] = [];
  const finish = (): Diagnosis => ({ ok: steps.length === 3 && steps.every((s) => s.ok), steps, advice, warnings });

  const gaps = await credentialGaps(parts);
  const missing = [...config.missing, ...gaps.missing];
  if (missing.length) {
    steps.push({ id: 'config', ok: false, message: `Missing: ${missing.join(', ')}.` });
    steps.push({ id: 'auth', ok: false, message: NOT_TRIED }, { id: 'orders', ok: false, message: NOT_TRIED });
    advice.push(`Fill in ${missing.join(', ')} under Settings → Connection.`);
    return finish();
  }
  const venueWord = config.venues.length === 1 ? 'venue' : 'venues';
  steps.push({
    id: 'config',
    ok: true,
    message: `Clopos ${config.api} at ${config.apiBase}, brand ${config.brand}, ${venueWord} ${config.venues.join(', ')}.`,
  });

  for (const tokens of parts.tokens) {
    const token = await tokens.token(signal);
    if (!token.ok) {
      steps.push(failedStep('auth', token.error), { id: 'orders', ok: false, message: NOT_TRIED });
      advice.push(token.error.message);
      return finish();
    }
  }
  if (parts.tokens.some((t) => t.usingPastedToken())) {
    steps.push({ id: 'auth', ok: true, message: 'Using the pasted token (no sign-in needed).' });
    warnings.push(PASTED_TOKEN_WARNING);
  } else {
    steps.push({ id: 'auth', ok: true, message: 'Signed in to Clopos.' });
  }

  const pending = await parts.lister.fetch(signal, 1);
  if (!pending.ok) {
    steps.push(failedStep('orders', pending.error));
    advice.push(pending.error.message);
    return finish();
  }
  const failedVenues = pending.value.venues.filter((v) => v.error !== null);
  const counts = pending.value.counts
    .filter((c) => !failedVenues.some((v) => v.venueId === c.venueId))
    .map((c) => `venue ${c.venueId}: ${plural(c.orders, 'pending order')}`);
  if (failedVenues.length > 0) {
    const named = failedVenues.map((v) => `venue ${v.venueId} (${v.error?.kind})`).join(', ');
    steps.push({ id: 'orders', ok: false, message: `Could not read the pending orders of ${named}${counts.length ? `; read ${counts.join('; ')}` : ''}.` });
    for (const v of failedVenues) if (v.error) advice.push(`Venue ${v.venueId}: ${v.error.message}`);
  } else {
    steps.push({ id: 'orders', ok: true, message: `Read the first page of pending orders — ${counts.join('; ')}.` });
  }
  const unreadable = pending.value.venues.reduce((n, v) => n + v.unreadable, 0);
  if (unreadable > 0) {
    warnings.push(`Clopos sent ${plural(unreadable, 'order')} without a readable id; the app cannot show ${unreadable === 1 ? 'it' : 'them'} and will raise an alarm: ${pending.value.skipped.join(' | ')}`);
  }
  return finish();
}
