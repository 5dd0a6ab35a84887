/**
 * The Python packages of the workbench, pinned so that every machine gets the same Lab. `plotly` is here
 * for its JupyterLab extension only: the `plotly` wheel ships `jupyterlab-plotly`, the mime renderer for
 * `application/vnd.plotly.v1+json`, into `share/jupyter/labextensions` of the environment (no Node build).
 */
export const JUPYTER_PACKAGES: readonly string[] = ['jupyterlab==4.6.6', 'nbclient==0.11.0', 'plotly==7.1.0'];

/** The labextension folder the plotly wheel installs; its presence is checked after install. */
export const PLOTLY_LABEXTENSION = 'jupyterlab-plotly';

/** The kernel name notebooks declare in their metadata (`kernelspec.name`). */
export const KERNEL_NAME = 'tslab';
