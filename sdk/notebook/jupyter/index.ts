/**
 * Jupyter Lab for the project: the cached venv (Lab, nbclient, the plotly renderer), the tslab kernel spec
 * in the project's own Jupyter folder, the `@kol/sdk` package notebooks import, starting Lab, and running
 * notebooks headless.
 */
export { type ExecutedCell, type ExecutedNotebook, executeNotebook, listNotebooks } from './execute.ts';
export { ensureJupyter, plotlyExtensionDir } from './install.ts';
export { installKernelSpec, KERNEL_NAME, type KernelSpec, kernelSpec } from './kernel.ts';
export { checkLab, freePort, type LabCheck, prepareWorkbench, type RunningLab, startLab, type Workbench } from './lab.ts';
export { jupyterEnv, type WorkbenchPaths, workbenchPaths } from './paths.ts';
export { NOTEBOOK_PACKAGE, type NotebookPackageResult, prepareNotebookPackage } from './sdk-package.ts';
export { JUPYTER_PACKAGES, PLOTLY_LABEXTENSION } from './versions.ts';
