import { describe, expect, it } from 'vitest';
import { parseServiceNames, withDependencies } from '../../sdk/services/order.ts';
import { SERVICES } from '../../sdk/services/registry.ts';
import { SERVICE_NAMES, type ServiceName } from '../../sdk/services/types.ts';

describe('service order', () => {
  it('adds dependencies before the services that need them', () => {
    expect(withDependencies(['trino'], SERVICES)).toEqual(['minio', 'iceberg-rest', 'trino']);
    expect(withDependencies(['redis', 'iceberg-rest'], SERVICES)).toEqual(['redis', 'minio', 'iceberg-rest']);
  });

  it('keeps SERVICE_NAMES, which is itself a valid start order', () => {
    const all = withDependencies(SERVICE_NAMES, SERVICES);
    expect(all).toEqual([...SERVICE_NAMES]);
    for (const name of all) {
      for (const dep of SERVICES[name].dependsOn) expect(all.indexOf(dep), `${dep} before ${name}`).toBeLessThan(all.indexOf(name));
    }
  });

  it('reports a cycle with its path', () => {
    const graph = Object.fromEntries(SERVICE_NAMES.map((n) => [n, { dependsOn: [] as ServiceName[] }])) as Record<
      ServiceName,
      { dependsOn: ServiceName[] }
    >;
    graph.minio.dependsOn = ['trino'];
    graph.trino.dependsOn = ['minio'];
    expect(() => withDependencies(['trino'], graph)).toThrow(/cycle: trino → minio → trino|cycle: minio → trino → minio/);
  });

  it('rejects unknown names with the list of valid ones', () => {
    expect(() => parseServiceNames(['kafka', 'mino'])).toThrow("unknown service 'mino' — use one of postgres, redis");
    expect(parseServiceNames(['kafka'])).toEqual(['kafka']);
  });
});
