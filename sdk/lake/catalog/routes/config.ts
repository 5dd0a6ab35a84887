import type { Route } from '../context.ts';
import { CatalogError } from '../errors.ts';
import { localPath } from '../metadata.ts';

/** Every endpoint this catalog serves; clients that see no list assume one without views. */
export const ENDPOINTS = [
  'GET /v1/{prefix}/namespaces',
  'POST /v1/{prefix}/namespaces',
  'GET /v1/{prefix}/namespaces/{namespace}',
  'HEAD /v1/{prefix}/namespaces/{namespace}',
  'DELETE /v1/{prefix}/namespaces/{namespace}',
  'POST /v1/{prefix}/namespaces/{namespace}/properties',
  'GET /v1/{prefix}/namespaces/{namespace}/tables',
  'POST /v1/{prefix}/namespaces/{namespace}/tables',
  'GET /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'POST /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'DELETE /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'POST /v1/{prefix}/namespaces/{namespace}/register',
  'POST /v1/{prefix}/namespaces/{namespace}/tables/{table}/metrics',
  'POST /v1/{prefix}/tables/rename',
  'POST /v1/{prefix}/transactions/commit',
  'GET /v1/{prefix}/namespaces/{namespace}/views',
  'POST /v1/{prefix}/namespaces/{namespace}/views',
  'GET /v1/{prefix}/namespaces/{namespace}/views/{view}',
  'HEAD /v1/{prefix}/namespaces/{namespace}/views/{view}',
  'POST /v1/{prefix}/namespaces/{namespace}/views/{view}',
  'DELETE /v1/{prefix}/namespaces/{namespace}/views/{view}',
  'POST /v1/{prefix}/views/rename',
];

/**
 * `GET /v1/config`: one warehouse per server. A `warehouse` that is a location must be this server's
 * (a client pointed at another folder would otherwise write where it did not mean to); a plain name is a
 * label and accepted.
 */
export const configRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/config$/,
    handle({ query, warehouse }) {
      const asked = query.get('warehouse');
      if (asked?.includes(':') || asked?.startsWith('/')) {
        let same = false;
        try {
          same = localPath(asked).replace(/\/+$/, '') === localPath(warehouse).replace(/\/+$/, '');
        } catch {
          same = false;
        }
        if (!same) throw new CatalogError('BadRequestException', `Unknown warehouse: ${asked} (this catalog serves ${warehouse})`);
      }
      return { status: 200, body: { defaults: {}, overrides: {}, endpoints: ENDPOINTS } };
    },
  },
];
