/**
 * One problem found while checking a definition or a config: where it is, what is wrong, and the fix.
 * Problems are collected and thrown together (see {@link IssuesError}) so that a user fixes them all in
 * one pass instead of discovering them one at a time.
 */
export interface Issue {
  /** Stable machine-readable code, e.g. `config.unknown_profile`. */
  readonly code: string;
  /** Dotted path to the offending value, e.g. `profiles.cluster.kafka.brokers`. */
  readonly path: string;
  /** What is wrong and how to fix it, in one sentence or two. */
  readonly message: string;
}

/** Thrown once with every problem found. `message` lists them all, one per line. */
export class IssuesError extends Error {
  readonly issues: readonly Issue[];
  readonly code: string;

  constructor(title: string, issues: readonly Issue[], code = 'issues') {
    super(`${title} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${formatIssues(issues)}`);
    this.name = 'IssuesError';
    this.issues = Object.freeze([...issues]);
    this.code = code;
  }
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `  - [${i.code}] ${i.path || '(root)'}: ${i.message}`).join('\n');
}

/** Collects issues; `throwIfAny` throws them all at once. */
export class IssueCollector {
  private readonly found: Issue[] = [];

  add(code: string, path: string, message: string): void {
    this.found.push({ code, path, message });
  }

  get issues(): readonly Issue[] {
    return this.found;
  }

  throwIfAny(title: string, errorCode?: string): void {
    if (this.found.length > 0) throw new IssuesError(title, this.found, errorCode);
  }
}
