/** The model bundle: an MLflow model directory (kol_sdk flavor) and its registry round trip. */
export { type LoadedModel, readBundle, writeBundle } from './bundle.ts';
export { type BundleMeta, mlmodelYaml } from './mlmodel.ts';
export { loadRegisteredModel, registerBundle } from './registry.ts';
