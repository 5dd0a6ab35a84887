import type { Command } from 'commander';
import { registerCatalog } from './catalog.ts';
import { registerConfig } from './config.ts';
import { registerDoctor } from './doctor.ts';
import { registerFeatures } from './features.ts';
import { registerGenerate } from './generate.ts';
import { registerIngest } from './ingest.ts';
import { registerLake } from './lake.ts';
import { registerModels } from './models.ts';
import { registerNotebook } from './notebook.ts';
import { registerPipeline } from './pipeline.ts';
import { registerQuery } from './query.ts';
import { registerServices } from './services.ts';
import { registerTrain } from './train.ts';
import { registerVersion } from './version.ts';

/**
 * Every command family the CLI offers, in help order. A command is registered here only once it works
 * end to end.
 */
export function registerCommands(program: Command): void {
  registerVersion(program);
  registerConfig(program);
  registerDoctor(program);
  registerServices(program);
  registerCatalog(program);
  registerGenerate(program);
  registerIngest(program);
  registerPipeline(program);
  registerLake(program);
  registerQuery(program);
  registerNotebook(program);
  registerFeatures(program);
  registerTrain(program);
  registerModels(program);
}
