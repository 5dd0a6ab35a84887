import { expect, it } from 'vitest';
import { config, describeService, unique } from './int-support.ts';

describeService('iceberg-rest', 'iceberg-rest (REST catalog protocol)', () => {
  const base = `${config.lake.catalogUri.replace(/\/$/, '')}/v1`;

  it('serves its config', async () => {
    const response = await fetch(`${base}/config`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { defaults: object; overrides: object; endpoints?: string[] };
    expect(body).toMatchObject({ defaults: {}, overrides: {} });
    expect(body.endpoints).toContain('POST /v1/{prefix}/namespaces');
  });

  it('creates, reads and drops a namespace located in the S3 warehouse', async () => {
    const namespace = unique('kol_smoke');
    const created = await fetch(`${base}/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: [namespace], properties: { owner: 'kol-sdk' } }),
    });
    expect(created.status).toBe(200);
    const got = (await (await fetch(`${base}/namespaces/${namespace}`)).json()) as {
      namespace: string[];
      properties: Record<string, string>;
    };
    expect(got.namespace).toEqual([namespace]);
    expect(got.properties.owner).toBe('kol-sdk');
    expect(got.properties.location).toBe(`${config.lake.warehouse}/${namespace}`);
    // The spec says 204; Apache's reference server answers 200 with an empty body.
    expect([200, 204]).toContain((await fetch(`${base}/namespaces/${namespace}`, { method: 'DELETE' })).status);
    expect((await fetch(`${base}/namespaces/${namespace}`, { method: 'HEAD' })).status).toBe(404);
  });
});
