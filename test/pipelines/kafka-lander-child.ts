/** Runs the Kafka lander once in its own process, so that a test can see it die by SIGKILL mid-run. */

import { type CrashPoint, landKafka } from '../../pipelines/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import { EVENT_CONTRACTS } from '../../sdk/contracts/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';

const [home, topicsJson, crashAt] = process.argv.slice(2) as [string, string, string | undefined];
const topics = JSON.parse(topicsJson) as Record<string, string>;
const config = resolveConfig({ profile: 'local', cwd: home });
const { brokers } = resolveConfig({ profile: 'cluster', allowMissingSecrets: true }).kafka;
const lake = await openDuckDB(config);
try {
  const runs = await landKafka(lake, {
    brokers,
    clientId: 'kol-test-lander',
    groupId: `kol-test-lander-${Object.values(topics)[0]}`,
    sources: EVENT_CONTRACTS.filter((c) => c.name in topics).map((contract) => ({ contract, topic: topics[contract.name] as string })),
    namespace: config.lake.namespaces.bronze,
    ...(crashAt ? { crashAt: crashAt as CrashPoint } : {}),
  });
  process.stdout.write(`${JSON.stringify(runs)}\n`);
} finally {
  await lake.close();
}
