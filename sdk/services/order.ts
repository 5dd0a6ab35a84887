import { SERVICE_NAMES, type ServiceName } from './types.ts';

/** The part of a service definition that ordering needs. */
export type DependencyGraph = Readonly<Record<ServiceName, { readonly dependsOn: readonly ServiceName[] }>>;

/**
 * `names` plus everything they depend on, each after its dependencies (ties keep SERVICE_NAMES order).
 * Throws on an unknown name or a cycle.
 *
 * @example
 * withDependencies(['trino'], SERVICES); // ['minio', 'iceberg-rest', 'trino']
 */
export function withDependencies(names: readonly ServiceName[], graph: DependencyGraph): ServiceName[] {
  const out: ServiceName[] = [];
  const visiting = new Set<ServiceName>();
  const visit = (name: ServiceName, path: readonly ServiceName[]) => {
    if (out.includes(name)) return;
    const node = graph[name];
    if (!node) throw new Error(`unknown service '${name}' — use one of ${SERVICE_NAMES.join(', ')}`);
    if (visiting.has(name)) throw new Error(`services depend on each other in a cycle: ${[...path, name].join(' → ')}`);
    visiting.add(name);
    for (const dep of sortByCanonical(node.dependsOn)) visit(dep, [...path, name]);
    visiting.delete(name);
    out.push(name);
  };
  for (const name of sortByCanonical(names)) visit(name, []);
  return out;
}

function sortByCanonical(names: readonly ServiceName[]): ServiceName[] {
  const rank = (n: ServiceName) => {
    const i = SERVICE_NAMES.indexOf(n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b));
}

/** Checks user-supplied names, with the list of valid ones in the message. */
export function parseServiceNames(names: readonly string[]): ServiceName[] {
  const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(
      `unknown service${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} — use one of ${SERVICE_NAMES.join(', ')}`,
    );
  return names as ServiceName[];
}
