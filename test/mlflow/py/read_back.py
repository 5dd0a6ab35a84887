"""Reads a run, its artifacts and a registered model back with MLflow's own Python client.

Called by the integration tests with one JSON argument; prints one JSON document. Everything the
TypeScript client wrote must come back identical through this independent reader.
"""

import hashlib
import json
import os
import sys
import tempfile

from mlflow import MlflowClient
from mlflow.artifacts import download_artifacts

args = json.loads(sys.argv[1])
uri = args["tracking_uri"]
client = MlflowClient(tracking_uri=uri, registry_uri=uri)
run_id = args["run_id"]
run = client.get_run(run_id)
experiment = client.get_experiment(run.info.experiment_id)


def history(key):
    points = client.get_metric_history(run_id, key)
    return [[m.step, m.timestamp, m.value] for m in sorted(points, key=lambda m: (m.step, m.timestamp))]


def walk(path):
    for f in client.list_artifacts(run_id, path):
        if f.is_dir:
            yield from walk(f.path)
        else:
            yield f


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


artifacts = {}
with tempfile.TemporaryDirectory() as tmp:
    for f in walk(None):
        local = download_artifacts(run_id=run_id, artifact_path=f.path, dst_path=tmp, tracking_uri=uri)
        artifacts[f.path] = {"size": os.path.getsize(local), "listed_size": f.file_size, "sha256": sha256(local)}

out = {
    "experiment": {"name": experiment.name, "tags": experiment.tags},
    "run_name": run.info.run_name,
    "status": run.info.status,
    "params": run.data.params,
    "tags": run.data.tags,
    "latest": run.data.metrics,
    "metrics": {key: history(key) for key in run.data.metrics},
    "inputs": [
        {
            "name": d.dataset.name,
            "digest": d.dataset.digest,
            "source_type": d.dataset.source_type,
            "source": d.dataset.source,
            "tags": {t.key: t.value for t in d.tags},
        }
        for d in run.inputs.dataset_inputs
    ],
    "artifacts": artifacts,
}

if args.get("model"):
    name = args["model"]
    model = client.get_registered_model(name)
    versions = client.search_model_versions(f"name = '{name}'")
    out["model"] = {
        "tags": model.tags,
        "aliases": {alias: str(version) for alias, version in model.aliases.items()},
        "versions": sorted(
            [
                {"version": str(v.version), "source": v.source, "run_id": v.run_id, "status": v.status, "tags": v.tags}
                for v in versions
            ],
            key=lambda v: int(v["version"]),
        ),
        "by_alias": {a: str(client.get_model_version_by_alias(name, a).version) for a in args.get("aliases", [])},
    }

print(json.dumps(out))
