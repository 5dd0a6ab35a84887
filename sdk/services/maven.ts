import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireCommand, runCommand } from './install.ts';

/** `groupId:artifactId:version[:type[:classifier]]`, as `mvn dependency:copy -Dartifact=` takes it. */
export type MavenCoordinates = string;

const HOW_TO_GET_MAVEN = "install Apache Maven (Debian: 'apt-get install -y maven')";

/**
 * Fetches one artifact with Maven's own repository settings (`~/.m2/settings.xml` mirrors apply) and
 * copies it into `outDir`.
 *
 * @example
 * await mavenCopy('org.apache.iceberg:iceberg-open-api:1.10.1', dir, logFile);
 */
export async function mavenCopy(artifact: MavenCoordinates, outDir: string, logFile: string): Promise<void> {
  requireCommand('mvn', `fetch ${artifact}`, HOW_TO_GET_MAVEN);
  await runCommand('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${outDir}`], {
    cwd: outDir,
    logFile,
    timeoutMs: 30 * 60_000,
  });
}

/** A dependency of the generated pom. */
export interface MavenDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/** A minimal pom whose runtime classpath is the given dependencies (pure; unit-tested). */
export function classpathPom(name: string, dependencies: readonly MavenDependency[]): string {
  const deps = dependencies
    .map(
      (d) =>
        `    <dependency>\n      <groupId>${d.groupId}</groupId>\n      <artifactId>${d.artifactId}</artifactId>\n      <version>${d.version}</version>\n    </dependency>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.kol-sdk.services</groupId>
  <artifactId>${name}-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${deps}
  </dependencies>
</project>
`;
}

/**
 * Writes a pom listing `dependencies` into `dir` and copies their runtime closure into `dir/lib`.
 *
 * @example
 * await mavenClasspath('kafka', [{ groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: '4.4.0' }], dir, logFile);
 */
export async function mavenClasspath(
  name: string,
  dependencies: readonly MavenDependency[],
  dir: string,
  logFile: string,
): Promise<string> {
  requireCommand('mvn', `fetch the ${name} classpath`, HOW_TO_GET_MAVEN);
  const pom = join(dir, 'pom.xml');
  writeFileSync(pom, classpathPom(name, dependencies));
  const lib = join(dir, 'lib');
  await runCommand('mvn', ['-B', '-q', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`], {
    cwd: dir,
    logFile,
    timeoutMs: 30 * 60_000,
  });
  return lib;
}
