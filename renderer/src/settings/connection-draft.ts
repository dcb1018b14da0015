import type { ConnectionSettings } from '../../../common/settings';

/** The connection as typed into the form: venues as one comma-separated text. */
export interface ConnectionDraft {
  api: ConnectionSettings['api'];
  baseUrl: string;
  brand: string;
  venues: string;
  clientId: string;
  integratorId: string;
  timeZone: string;
}

export const connectionDraftFrom = (connection: ConnectionSettings): ConnectionDraft => ({
  ...connection,
  venues: connection.venues.join(', '),
});

/** Venue ids may be separated by commas, semicolons or spaces. */
export const connectionFromDraft = (draft: ConnectionDraft): ConnectionSettings => ({
  ...draft,
  venues: draft.venues
    .split(/[\s,;]+/)
    .map((venue) => venue.trim())
    .filter(Boolean),
});
