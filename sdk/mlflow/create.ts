import type { KolConfig } from '../config/index.ts';
import type { TrackingClient } from './client.ts';
import { type LocalStoreOptions, LocalTrackingStore } from './local/store.ts';
import { type RestClientOptions, RestTrackingClient } from './rest/client.ts';

/** Options passed through to whichever back end is chosen. */
export type TrackingClientOverrides = Partial<Omit<RestClientOptions, 'trackingUri'>> & Partial<Omit<LocalStoreOptions, 'root'>>;

/**
 * The tracking client for a profile: the local file store for `file://` tracking URIs (the `local`
 * profile's `.kol/mlruns`), the REST client for `http(s)://` servers (the `cluster` profile), with the
 * profile's credentials and experiment prefix.
 *
 * @example
 * const client = createTrackingClient(resolveConfig({ profile: 'local' }));
 * const experimentId = await client.ensureExperiment('KOL_trust');
 */
export function createTrackingClient(config: Pick<KolConfig, 'mlflow'>, overrides: TrackingClientOverrides = {}): TrackingClient {
  const { trackingUri, token, username, password, experimentPrefix } = config.mlflow;
  if (trackingUri.startsWith('file:')) {
    return new LocalTrackingStore({ experimentPrefix, ...overrides, root: trackingUri });
  }
  if (/^https?:/.test(trackingUri)) {
    return new RestTrackingClient({ experimentPrefix, token, username, password, ...overrides, trackingUri });
  }
  throw new Error(
    `MLflow tracking URI must start with file:// (local store) or http(s):// (a server), got '${trackingUri.split(':')[0]}:' — set MLFLOW_TRACKING_URI`,
  );
}
