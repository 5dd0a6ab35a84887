import type { TestProject } from 'vitest/node';
import { devServicesConfig } from '../sdk/services/context.ts';
import { servicesDown, servicesUp } from '../sdk/services/manager.ts';
import { SERVICE_NAMES, type ServiceName } from '../sdk/services/types.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The services that answer for this run; tests of the others are skipped (outside CI). */
    kolServicesUp: ServiceName[];
  }
}

const log = (line: string) => process.stderr.write(`[services] ${line}\n`);

/**
 * Brings up every development server that does not already answer (same code as `kol-sdk services up`).
 * With CI=true a server that fails fails the run; elsewhere its tests are skipped with the reason printed.
 * At teardown it stops only what it started itself, unless KOL_KEEP_SERVICES=1.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = devServicesConfig();
  const t0 = Date.now();
  const results = await servicesUp(SERVICE_NAMES, { config, log });
  const up = results.filter((r) => r.outcome === 'started' || r.outcome === 'running').map((r) => r.name);
  const down = results.filter((r) => !up.includes(r.name));
  log(`${up.length}/${results.length} services up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const r of down) log(`${r.name} is ${r.outcome}: ${r.error?.message ?? r.detail}`);
  const started = results.filter((r) => r.outcome === 'started').map((r) => r.name);
  const teardown = async () => {
    if (process.env.KOL_KEEP_SERVICES === '1' || started.length === 0) return;
    await servicesDown(started, { config, log });
  };
  if (down.length > 0 && process.env.CI === 'true') {
    await teardown();
    throw new Error(`development services not up: ${down.map((r) => `${r.name} (${r.outcome})`).join(', ')} — see the log tails above`);
  }
  project.provide('kolServicesUp', up);
  return teardown;
}
