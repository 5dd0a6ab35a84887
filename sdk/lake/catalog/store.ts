import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { commitFailed } from './errors.ts';

/** Namespace levels joined with the unit separator, the same join the REST spec uses in URLs. */
export const SEP = '\u001f';
export const nsKey = (levels: readonly string[]): string => levels.join(SEP);
export const nsLevels = (key: string): string[] => key.split(SEP);

export type EntryKind = 'table' | 'view';

export interface Entry {
  readonly namespace: string[];
  readonly name: string;
  readonly kind: EntryKind;
  readonly metadataLocation: string;
}

interface EntryRow {
  namespace: string;
  name: string;
  kind: EntryKind;
  metadata_location: string;
}

/**
 * The catalog's state in one SQLite file: namespaces with their properties, and for each table and view the
 * location of its current metadata file. Several processes may share the file: WAL lets readers proceed
 * while one writer holds `BEGIN IMMEDIATE`, and every commit swaps a metadata location only if it is still
 * the one the commit started from.
 *
 * @example
 * const store = new CatalogStore('/tmp/catalog.db');
 * store.write(() => store.createNamespace(['kol_gold'], {}));
 */
export class CatalogStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 30000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS namespaces (name TEXT PRIMARY KEY, properties TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS entries (
        namespace TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, metadata_location TEXT NOT NULL,
        PRIMARY KEY (namespace, name));
    `);
  }

  /**
   * Runs `fn` in one write transaction taken up front (`BEGIN IMMEDIATE`), so what it reads cannot change
   * under it in another process before it writes; everything or nothing of it lands.
   */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }

  namespaceExists(levels: readonly string[]): boolean {
    return this.db.prepare('SELECT 1 FROM namespaces WHERE name = ?').get(nsKey(levels)) !== undefined;
  }

  namespaceProperties(levels: readonly string[]): Record<string, string> | undefined {
    const row = this.db.prepare('SELECT properties FROM namespaces WHERE name = ?').get(nsKey(levels)) as
      | { properties: string }
      | undefined;
    return row ? (JSON.parse(row.properties) as Record<string, string>) : undefined;
  }

  /** Every namespace, sorted, as level arrays. */
  namespaces(): string[][] {
    const rows = this.db.prepare('SELECT name FROM namespaces ORDER BY name').all() as { name: string }[];
    return rows.map((r) => nsLevels(r.name));
  }

  createNamespace(levels: readonly string[], properties: Record<string, string>): void {
    this.db.prepare('INSERT INTO namespaces (name, properties) VALUES (?, ?)').run(nsKey(levels), JSON.stringify(properties));
  }

  setNamespaceProperties(levels: readonly string[], properties: Record<string, string>): void {
    this.db.prepare('UPDATE namespaces SET properties = ? WHERE name = ?').run(JSON.stringify(properties), nsKey(levels));
  }

  dropNamespace(levels: readonly string[]): void {
    this.db.prepare('DELETE FROM namespaces WHERE name = ?').run(nsKey(levels));
  }

  entry(namespace: readonly string[], name: string): Entry | undefined {
    const row = this.db.prepare('SELECT * FROM entries WHERE namespace = ? AND name = ?').get(nsKey(namespace), name) as
      | EntryRow
      | undefined;
    return row ? toEntry(row) : undefined;
  }

  /** Tables or views of one namespace, sorted by name. */
  entries(namespace: readonly string[], kind: EntryKind): Entry[] {
    const rows = this.db
      .prepare('SELECT * FROM entries WHERE namespace = ? AND kind = ? ORDER BY name')
      .all(nsKey(namespace), kind) as EntryRow[];
    return rows.map(toEntry);
  }

  /** Every name in one namespace, tables and views together (for did-you-mean). */
  names(namespace: readonly string[]): string[] {
    const rows = this.db.prepare('SELECT name FROM entries WHERE namespace = ?').all(nsKey(namespace)) as { name: string }[];
    return rows.map((r) => r.name);
  }

  countEntries(namespace: readonly string[]): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM entries WHERE namespace = ?').get(nsKey(namespace)) as { n: number };
    return row.n;
  }

  insertEntry(namespace: readonly string[], name: string, kind: EntryKind, metadataLocation: string): void {
    this.db
      .prepare('INSERT INTO entries (namespace, name, kind, metadata_location) VALUES (?, ?, ?, ?)')
      .run(nsKey(namespace), name, kind, metadataLocation);
  }

  /**
   * Points an entry at a new metadata file only if it still points at `expected`; otherwise another writer
   * won the race and this commit fails with 409 (the client refreshes and retries).
   */
  swapMetadata(namespace: readonly string[], name: string, expected: string, next: string): void {
    const r = this.db
      .prepare('UPDATE entries SET metadata_location = ? WHERE namespace = ? AND name = ? AND metadata_location = ?')
      .run(next, nsKey(namespace), name, expected);
    if (r.changes !== 1) throw commitFailed(`Commit failed: ${[...namespace, name].join('.')} was changed by another writer`);
  }

  replaceEntry(namespace: readonly string[], name: string, kind: EntryKind, metadataLocation: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO entries (namespace, name, kind, metadata_location) VALUES (?, ?, ?, ?)')
      .run(nsKey(namespace), name, kind, metadataLocation);
  }

  deleteEntry(namespace: readonly string[], name: string): void {
    this.db.prepare('DELETE FROM entries WHERE namespace = ? AND name = ?').run(nsKey(namespace), name);
  }

  renameEntry(from: { namespace: readonly string[]; name: string }, to: { namespace: readonly string[]; name: string }): void {
    this.db
      .prepare('UPDATE entries SET namespace = ?, name = ? WHERE namespace = ? AND name = ?')
      .run(nsKey(to.namespace), to.name, nsKey(from.namespace), from.name);
  }
}

function toEntry(row: EntryRow): Entry {
  return { namespace: nsLevels(row.namespace), name: row.name, kind: row.kind, metadataLocation: row.metadata_location };
}
