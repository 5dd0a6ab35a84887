import { type Issue, IssueCollector, IssuesError } from '../errors/index.ts';
import type { AnyColumn } from '../types/index.ts';
import { typeLabel } from '../types/index.ts';
import { type AnyContract, contractVersion } from './define.ts';

function sameType(a: AnyColumn, b: AnyColumn): boolean {
  if (a.kind !== b.kind || a.pattern !== b.pattern || a.min !== b.min || a.max !== b.max) return false;
  if (a.kind === 'list')
    return (
      a.element !== undefined && b.element !== undefined && sameType(a.element, b.element) && a.element.nullable === b.element.nullable
    );
  return true;
}

/** Whether every value valid for `before` is valid for `after` (enums may only grow; bounds may only widen). */
function widens(before: AnyColumn, after: AnyColumn): boolean {
  if (sameType(before, after) && sameEnum(before, after)) return true;
  if (before.kind !== after.kind) return false;
  if (before.kind === 'string') {
    const enumOk = after.values === undefined || (before.values?.every((v) => after.values?.includes(v)) ?? false);
    return enumOk && (after.pattern === undefined || after.pattern === before.pattern);
  }
  if (before.kind === 'int64' || before.kind === 'float64') {
    const minOk = after.min === undefined || (before.min !== undefined && after.min <= before.min);
    const maxOk = after.max === undefined || (before.max !== undefined && after.max >= before.max);
    return minOk && maxOk;
  }
  return false;
}

function sameEnum(a: AnyColumn, b: AnyColumn): boolean {
  return JSON.stringify(a.values ?? null) === JSON.stringify(b.values ?? null);
}

/**
 * Problems that make `next` unable to read records written under `previous` while keeping the same major
 * version (and topic): a removed or moved column, a changed or narrowed type, a column made required, a new
 * required column, a changed key or time column, a revision not increased. An empty list means compatible.
 * Bumping `version` (a new topic `kol.<name>.v2`) allows any change.
 *
 * @example checkCompatibility(postsV1_0, postsV1_1) // [] when v1.1 only added an optional column
 */
export function checkCompatibility(previous: AnyContract, next: AnyContract): readonly Issue[] {
  const issues = new IssueCollector();
  const at = `contract '${next.name}' ${contractVersion(next)}`;
  if (previous.name !== next.name)
    issues.add('contracts.compat.name', at, `compares '${previous.name}' with '${next.name}': compare two versions of one contract`);
  if (next.version < previous.version) {
    issues.add('contracts.compat.version', `${at}.version`, `version went down from ${previous.version}`);
    return issues.issues;
  }
  if (next.version > previous.version) return issues.issues;
  const bump = `or bump the version to ${previous.version + 1} (a new topic, kol.${next.name}.v${previous.version + 1})`;
  for (const field of ['key', 'eventTime', 'observedTime'] as const) {
    if (previous[field] !== next[field])
      issues.add(
        'contracts.compat.time_or_key',
        `${at}.${field}`,
        `${field} changed from '${previous[field]}' to '${next[field]}'; make it backward compatible ${bump}`,
      );
  }
  const before = Object.keys(previous.columns);
  const after = Object.keys(next.columns);
  before.forEach((name, i) => {
    const old = previous.columns[name] as AnyColumn;
    const now = next.columns[name];
    if (now === undefined) {
      issues.add('contracts.compat.removed', `${at}.columns.${name}`, `column '${name}' was removed; make it backward compatible ${bump}`);
      return;
    }
    if (after[i] !== name)
      issues.add(
        'contracts.compat.moved',
        `${at}.columns.${name}`,
        `column '${name}' moved: append new columns at the end so Iceberg field ids stay stable`,
      );
    if (!widens(old, now)) {
      issues.add(
        'contracts.compat.type',
        `${at}.columns.${name}`,
        `type changed from ${typeLabel(old)} to ${typeLabel(now)}: old records may not validate; widen it ${bump}`,
      );
    }
    if (old.nullable && !now.nullable)
      issues.add(
        'contracts.compat.required',
        `${at}.columns.${name}`,
        `column '${name}' became required: old records may lack it; keep it optional ${bump}`,
      );
  });
  for (const name of after.slice(before.length)) {
    if (!(name in previous.columns) && !(next.columns[name] as AnyColumn).nullable) {
      issues.add(
        'contracts.compat.new_required',
        `${at}.columns.${name}`,
        `new column '${name}' is required: old records lack it; make it .optional() ${bump}`,
      );
    }
  }
  const changed =
    JSON.stringify(previous.columns) !== JSON.stringify(next.columns) || JSON.stringify(previous.rules) !== JSON.stringify(next.rules);
  if (changed && next.revision <= previous.revision) {
    issues.add(
      'contracts.compat.revision',
      `${at}.revision`,
      `the columns changed but the revision did not: set revision to ${previous.revision + 1}`,
    );
  }
  return issues.issues;
}

/** Throws one `IssuesError` listing every incompatibility (the CI gate for contract changes). */
export function assertCompatible(previous: AnyContract, next: AnyContract): void {
  const issues = checkCompatibility(previous, next);
  if (issues.length > 0)
    throw new IssuesError(
      `contract '${next.name}' ${contractVersion(next)} breaks ${contractVersion(previous)}`,
      issues,
      'contracts.incompatible',
    );
}
