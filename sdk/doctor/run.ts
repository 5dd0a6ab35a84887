import type { KolConfig } from '../config/types.ts';
import { catalogCheck, kafkaCheck, mlflowCheck, postgresCheck, redisCheck, s3Check, trinoCheck } from './checks/cluster.ts';
import { duckdbExtensionsCheck } from './checks/extensions.ts';
import { duckdbCheck, eventsCheck, nodeCheck, trackingStoreCheck, warehouseCheck } from './checks/local.ts';
import { type Check, type CheckResult, fail, reason } from './types.ts';

export interface DoctorReport {
  readonly profile: string;
  readonly checks: readonly CheckResult[];
}

/** The checks the given profile needs: the embedded default needs no server at all. */
export function checksFor(config: KolConfig): readonly Check[] {
  const base = [nodeCheck, duckdbCheck, duckdbExtensionsCheck];
  if (config.profile === 'local') {
    const checks: Check[] = [...base, warehouseCheck, trackingStoreCheck, eventsCheck];
    // A local profile may still point single back ends at servers through the environment.
    if (config.mlflow.trackingUri.startsWith('http')) checks.push(mlflowCheck);
    if (config.lake.catalogUri !== 'embedded') checks.push(catalogCheck);
    return checks;
  }
  return [...base, kafkaCheck, mlflowCheck, s3Check, catalogCheck, trinoCheck, redisCheck, postgresCheck];
}

/**
 * Checks every back end of the active profile concurrently, each bounded by `timeoutMs`.
 *
 * @example
 * const report = await runDoctor(resolveConfig({ profile: 'cluster' }));
 * report.checks.filter((c) => !c.ok).forEach((c) => console.log(c.name, c.fix));
 */
export async function runDoctor(config: KolConfig, timeoutMs = 10_000): Promise<DoctorReport> {
  const checks = checksFor(config);
  const results = await Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<Omit<CheckResult, 'name'>>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve(fail(`no answer within ${timeoutMs} ms`, `check that the ${check.name} server is up and reachable`));
        }, timeoutMs);
      });
      try {
        const outcome = await Promise.race([check.run(config, controller.signal), timeout]);
        return { name: check.name, ...outcome };
      } catch (error) {
        return { name: check.name, ...fail(reason(error), `see the ${check.name} section of the README`) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { profile: config.profile, checks: results };
}
