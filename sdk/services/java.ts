import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JDK found on this machine. */
export interface JavaHome {
  readonly home: string;
  readonly major: number;
  readonly java: string;
  /** Present for a full JDK; the Iceberg catalog launcher is compiled at install. */
  readonly javac: string | undefined;
}

const JVM_ROOT = '/usr/lib/jvm';

/** The major version in a JDK's `release` file (`JAVA_VERSION="25.0.3"` → 25, `"1.8.0_402"` → 8). */
export function parseJavaRelease(text: string): number | undefined {
  const match = /^JAVA_VERSION="([^"]+)"/m.exec(text);
  if (!match?.[1]) return undefined;
  const parts = match[1].split(/[._+-]/);
  const first = Number(parts[0]);
  const major = first === 1 ? Number(parts[1]) : first;
  return Number.isFinite(major) ? major : undefined;
}

function inspect(home: string): JavaHome | undefined {
  const release = join(home, 'release');
  const java = join(home, 'bin', 'java');
  if (!existsSync(release) || !existsSync(java)) return undefined;
  const major = parseJavaRelease(readFileSync(release, 'utf8'));
  if (major === undefined) return undefined;
  const javac = join(home, 'bin', 'javac');
  return { home, major, java, javac: existsSync(javac) ? javac : undefined };
}

/** Every JDK under JAVA_HOME and /usr/lib/jvm, JAVA_HOME first, then newest first. */
export function listJavaHomes(env: Readonly<Record<string, string | undefined>> = process.env): JavaHome[] {
  const found: JavaHome[] = [];
  const seen = new Set<string>();
  const add = (home: string | undefined) => {
    if (!home || seen.has(home)) return;
    seen.add(home);
    const jdk = inspect(home);
    if (jdk) found.push(jdk);
  };
  add(env.JAVA_HOME?.trim());
  const fromJavaHome = found.length;
  if (existsSync(JVM_ROOT)) {
    const homes = readdirSync(JVM_ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => join(JVM_ROOT, d.name));
    for (const home of homes) add(home);
  }
  const rest = found.slice(fromJavaHome).sort((a, b) => b.major - a.major || Number(!!b.javac) - Number(!!a.javac));
  return [...found.slice(0, fromJavaHome), ...rest];
}

/**
 * The JDK to run a server with: JAVA_HOME when it is new enough, else the newest under /usr/lib/jvm.
 * Throws a message saying what to install when none qualifies.
 *
 * @example
 * const jdk = findJava({ minMajor: 24, purpose: 'Trino 476' }); // { home: '/usr/lib/jvm/temurin-25-jdk-amd64', major: 25, … }
 */
export function findJava(options: {
  minMajor: number;
  purpose: string;
  needJavac?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
}): JavaHome {
  const all = listJavaHomes(options.env);
  const fit = all.find((j) => j.major >= options.minMajor && (!options.needJavac || j.javac !== undefined));
  if (fit) return fit;
  const seen = all.length === 0 ? 'none' : all.map((j) => `${j.major} (${j.home})`).join(', ');
  throw new Error(
    `${options.purpose} needs a ${options.needJavac ? 'JDK' : 'Java runtime'} ${options.minMajor} or newer; found: ${seen}. ` +
      `Install Temurin 25 (Debian package temurin-25-jdk from the Adoptium apt repository) under ${JVM_ROOT}, or point JAVA_HOME at a JDK ≥ ${options.minMajor}.`,
  );
}
