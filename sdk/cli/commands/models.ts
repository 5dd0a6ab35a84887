import type { Command } from 'commander';
import { createTrackingClient, type ModelVersion } from '../../mlflow/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

async function allVersions(client: ReturnType<typeof createTrackingClient>, name: string): Promise<ModelVersion[]> {
  const out: ModelVersion[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchModelVersions({
      filter: `name = '${name.replaceAll("'", "\\'")}'`,
      ...(pageToken ? { pageToken } : {}),
    });
    out.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out.sort((a, b) => Number(b.version) - Number(a.version));
}

/** `kol-sdk models list|show|alias set`: the model registry (MLflow server or the local store). */
export function registerModels(program: Command): void {
  const models = program.command('models').description('registered models: list, show versions, set aliases');
  models
    .command('list')
    .description('registered models with their aliases')
    .option('--json', 'machine-readable output')
    .action(async (_opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const client = createTrackingClient(ctx.config());
      try {
        const found = [];
        let pageToken: string | undefined;
        do {
          const page = await client.searchRegisteredModels(pageToken ? { pageToken } : {});
          found.push(...page.items);
          pageToken = page.nextPageToken;
        } while (pageToken);
        const rows = found.map((m) => ({ name: m.name, aliases: m.aliases, updated: when(m.lastUpdatedTimestamp) }));
        ctx.out.result(rows, () => {
          if (rows.length === 0) ctx.out.line('no registered models yet: kol-sdk train --experiment KOL_trust');
          else
            ctx.out.table(
              rows.map((r) => ({
                ...r,
                aliases:
                  Object.entries(r.aliases)
                    .map(([a, v]) => `${a}=v${v}`)
                    .join(' ') || '-',
              })),
            );
        });
      } finally {
        await client.close();
      }
    });
  models
    .command('show <name>')
    .description('versions of a registered model: run, status, aliases')
    .option('--json', 'machine-readable output')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const client = createTrackingClient(ctx.config());
      try {
        const model = await client.getRegisteredModel(name).catch((error: Error) => {
          throw new CliError(`no registered model '${name}' (${error.message.split('\n')[0]}): see kol-sdk models list`, EXIT.failure);
        });
        const versions = await allVersions(client, name);
        const value = {
          name: model.name,
          aliases: model.aliases,
          versions: versions.map((v) => ({
            version: v.version,
            run_id: v.runId,
            status: v.status,
            aliases: v.aliases,
            created: when(v.creationTimestamp),
          })),
        };
        ctx.out.result(value, () => {
          ctx.out.line(`${model.name}`);
          ctx.out.table(value.versions.map((v) => ({ ...v, aliases: v.aliases.join(' ') || '-' })));
        });
      } finally {
        await client.close();
      }
    });
  models
    .command('alias')
    .description('model aliases (champion, challenger…)')
    .command('set <name> <alias> <version>')
    .description('point ALIAS of model NAME at VERSION')
    .option('--json', 'machine-readable output')
    .action(async (name: string, alias: string, version: string, _opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      if (!/^[0-9]+$/.test(version)) throw new CliError(`version must be a number, got '${version}'`, EXIT.usage);
      if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(alias) || /^v[0-9]+$/i.test(alias)) {
        throw new CliError(`alias '${alias}' is not valid: letters, digits, _ and -, not of the form v<number>`, EXIT.usage);
      }
      const client = createTrackingClient(ctx.config());
      try {
        await client.getModelVersion(name, version).catch((error: Error) => {
          throw new CliError(
            `model '${name}' has no version ${version} (${error.message.split('\n')[0]}): see kol-sdk models show ${name}`,
            EXIT.failure,
          );
        });
        await client.setAlias(name, alias, version);
        ctx.out.result({ name, alias, version }, () => ctx.out.line(`${name}@${alias} → version ${version}`));
      } finally {
        await client.close();
      }
    });
}
