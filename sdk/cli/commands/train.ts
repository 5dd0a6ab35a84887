import type { Command } from 'commander';
import { REASON_TEMPLATES } from '../../../features/index.ts';
import { EXPERIMENTS } from '../../../models/index.ts';
import { trainExperiment } from '../../jobs/index.ts';
import { createTrackingClient } from '../../mlflow/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { sdkVersion } from './version.ts';

const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));

/**
 * `kol-sdk train --experiment KOL_trust|KOL_success`: frame through the feature definitions, ensemble,
 * evaluation card, everything logged to the tracking store, a registered model version.
 */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train an experiment of models/ on the point-in-time frame, log it to MLflow and register a model version')
    .requiredOption('--experiment <name>', `experiment: ${Object.keys(EXPERIMENTS).join(' | ')}`)
    .option('--json', 'machine-readable output: {"experiment", "run_id", "model": {"name", "version"}, "metrics": {…}}')
    .action(async (opts: { experiment: string }, command: Command) => {
      const ctx = commandContext(command);
      const def = EXPERIMENTS[opts.experiment];
      if (def === undefined) {
        throw new CliError(`unknown experiment '${opts.experiment}': use one of ${Object.keys(EXPERIMENTS).join(', ')}`, EXIT.usage);
      }
      const config = ctx.config();
      const started = performance.now();
      const result = await trainExperiment(def, {
        config,
        now: Date.now(),
        kolSdkVersion: sdkVersion(),
        reasonTemplates: REASON_TEMPLATES,
        log: (line) => ctx.out.note(line),
      });
      const seconds = (performance.now() - started) / 1000;
      let url: string | undefined;
      if (/^https?:/.test(config.mlflow.trackingUri)) {
        const client = createTrackingClient(config);
        const experimentId = await client.ensureExperiment(result.experiment);
        await client.close();
        url = `${config.mlflow.trackingUri.replace(/\/$/, '')}/#/experiments/${experimentId}/runs/${result.run_id}`;
      }
      const { experiment, run_id, model, metrics } = result;
      const regression = result.regression ? { regression: { target: result.regression.target, ...result.regression.metrics } } : {};
      ctx.out.result({ experiment, run_id, model, metrics, ...regression }, () => {
        ctx.out.line(`${experiment}: run ${run_id}, model ${model.name} version ${model.version} (${seconds.toFixed(1)} s)`);
        ctx.out.line(
          `frame: ${result.frame.labelled} labelled rows (${result.frame.positives} positive), ${result.frame.features} features, read by ${result.frame.backend}`,
        );
        ctx.out.table(Object.entries(metrics).map(([metric, value]) => ({ metric, value: fmt(value) })));
        if (result.regression) {
          const r = result.regression;
          ctx.out.line(
            `${r.target} regression (${r.rows} rows): rmse ${fmt(r.metrics.rmse)} (predicting the mean: ${fmt(r.metrics.baseline_rmse)}), mae ${fmt(r.metrics.mae)}, r2 ${fmt(r.metrics.r2)}`,
          );
        }
        ctx.out.line(
          url ? `run: ${url}` : `tracking store: ${config.mlflow.trackingUri} (mlflow ui --backend-store-uri ${config.mlflow.trackingUri})`,
        );
      });
    });
}
