/** Other Iceberg engines the lake is checked against: pyiceberg in a cached virtual environment. */
export { ensurePyiceberg, PYICEBERG_VERSION, type PyicebergCatalog, type PyicebergResult, pyiceberg } from './pyiceberg.ts';
