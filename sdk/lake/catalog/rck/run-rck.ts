import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultCacheDir } from '../../../config/index.ts';
import { startCatalogServer } from '../server.ts';

/** The Apache Iceberg release whose REST Compatibility Kit is run, and what the kit needs beside it. */
const ICEBERG = '1.10.1';
export const RCK_ARTIFACTS: readonly string[] = [
  `org.apache.iceberg:iceberg-open-api:${ICEBERG}`,
  `org.apache.iceberg:iceberg-open-api:${ICEBERG}:jar:tests`,
  `org.apache.iceberg:iceberg-open-api:${ICEBERG}:jar:test-fixtures`,
  `org.apache.iceberg:iceberg-core:${ICEBERG}:jar:tests`,
  `org.apache.iceberg:iceberg-api:${ICEBERG}:jar:tests`,
  'org.junit.platform:junit-platform-console-standalone:1.11.4',
  'org.assertj:assertj-core:3.27.3',
  'org.awaitility:awaitility:4.2.2',
  'org.mockito:mockito-core:5.14.2',
  'net.bytebuddy:byte-buddy:1.15.10',
  'org.hamcrest:hamcrest:2.2',
];
/** Tests the Apache REST catalog itself skips by assumption here; more than this is a regression. */
export const RCK_BASELINE_ABORTED = 9;
const LAUNCHER = 'junit-platform-console-standalone-1.11.4.jar';
const MARKER = `.installed-${ICEBERG}`;

export interface RckCounts {
  readonly found: number;
  readonly successful: number;
  readonly aborted: number;
  readonly failed: number;
}

export interface RckResult extends RckCounts {
  readonly seconds: number;
  /** The kit's whole console output (tree of tests with the assertion messages of failures). */
  readonly output: string;
}

/** The jar file name Maven gives `group:artifact:version[:jar:classifier]`. */
export function jarName(coordinates: string): string {
  const [, artifact, version, , classifier] = coordinates.split(':');
  return `${artifact}-${version}${classifier ? `-${classifier}` : ''}.jar`;
}

/**
 * Copies the kit's jars into `dir` with Maven (its own mirrors and credentials apply), once: a marker file
 * records a complete install.
 *
 * @example
 * installRckJars(join(defaultCacheDir(process.env), 'rck'));
 */
export function installRckJars(dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, MARKER))) return;
  for (const artifact of RCK_ARTIFACTS) {
    if (existsSync(join(dir, jarName(artifact)))) continue;
    const r = spawnSync('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${dir}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (r.error) throw new Error(`cannot run Maven to fetch ${artifact} (install Apache Maven): ${r.error.message}`);
    if (r.status !== 0) throw new Error(`Maven could not fetch ${artifact}:\n${(r.stdout + r.stderr).slice(-2000)}`);
  }
  writeFileSync(join(dir, MARKER), `${new Date().toISOString()}\n`);
}

/** The counts of the JUnit console launcher's summary (`[  149 tests found  ]` …). */
export function parseSummary(output: string): RckCounts {
  const count = (what: string): number => {
    const m = new RegExp(`\\[\\s*(\\d+) tests ${what}\\s*\\]`).exec(output);
    if (!m) throw new Error(`no '${what}' count in the kit's summary`);
    return Number(m[1]);
  };
  return { found: count('found'), successful: count('successful'), aborted: count('aborted'), failed: count('failed') };
}

/**
 * Runs the Apache Iceberg REST Compatibility Kit against a fresh embedded catalog on a temporary warehouse.
 * The catalog requires namespaces to exist before tables are created in them (as the spec's 404 says), so
 * the kit is told so (`rck.requires-namespace-create`).
 *
 * @example
 * const r = await runRck({ details: 'tree' });
 * console.log(r.found, r.successful, r.aborted, r.failed);
 */
export async function runRck(options: { jarsDir?: string; details?: 'summary' | 'tree'; java?: string } = {}): Promise<RckResult> {
  const jarsDir = options.jarsDir ?? join(defaultCacheDir(process.env), 'rck');
  installRckJars(jarsDir);
  const work = mkdtempSync(join(tmpdir(), 'kol-rck-'));
  const catalog = await startCatalogServer({ warehouse: join(work, 'warehouse'), stateFile: join(work, 'catalog.db') });
  const started = performance.now();
  try {
    const classpath = readdirSync(jarsDir)
      .filter((f) => f.endsWith('.jar') && f !== LAUNCHER)
      .map((f) => join(jarsDir, f))
      .join(':');
    const args = [
      '-Drck.local=false',
      '-jar',
      join(jarsDir, LAUNCHER),
      'execute',
      '--disable-banner',
      '-cp',
      classpath,
      '--select-class',
      'org.apache.iceberg.rest.RESTCompatibilityKitCatalogTests',
      '--select-class',
      'org.apache.iceberg.rest.RESTCompatibilityKitViewCatalogTests',
      `--details=${options.details ?? 'summary'}`,
      '--disable-ansi-colors',
    ];
    const env = {
      ...process.env,
      CATALOG_URI: `${catalog.uri}/`,
      CATALOG_WAREHOUSE: 'rck_warehouse',
      CATALOG_RCK_REQUIRES__NAMESPACE__CREATE: 'true',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    // The catalog serves from this process, so the kit must run asynchronously beside it.
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(options.java ?? 'java', args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', (e) => reject(new Error(`cannot run java for the kit (install a JDK 17+): ${e.message}`)));
      child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    return { ...parseSummary(output), seconds: (performance.now() - started) / 1000, output };
  } finally {
    await catalog.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const details = process.argv.includes('--tree') ? 'tree' : 'summary';
  const r = await runRck({ details });
  if (details === 'tree' || r.failed > 0) process.stdout.write(r.output);
  process.stdout.write(
    `REST Compatibility Kit: ${r.found} found, ${r.successful} successful, ${r.aborted} aborted, ${r.failed} failed (${r.seconds.toFixed(1)} s)\n`,
  );
  // The Apache REST catalog's own baseline here is 9 aborted (assumptions about optional features).
  if (r.failed > 0 || r.found === 0 || r.aborted > RCK_BASELINE_ABORTED) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
