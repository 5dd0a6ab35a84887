"""The peer of the MLflow logging benchmark: MLflow's own Python client on the same server.

Arguments: one JSON object {tracking_uri, experiment_id, metrics, keys}. It stays up, warm, and runs
one repetition per `run` line on stdin, so that the benchmark can interleave it with the other
contenders: a fresh run is created and its Metric list built outside the timed part, then
`MlflowClient.log_batch` is timed (it splits into requests of 1000 metrics, sent one after another).
Each repetition prints one JSON line; `done` prints versions, peak RSS and a stored-points check.
"""

import json
import platform
import resource
import sys
import time

import mlflow
from mlflow import MlflowClient
from mlflow.entities import Metric

args = json.loads(sys.argv[1])
client = MlflowClient(tracking_uri=args["tracking_uri"])
n, keys = args["metrics"], args["keys"]
t0 = 1_790_000_000_000


def one():
    run_id = client.create_run(args["experiment_id"]).info.run_id
    metrics = [Metric(f"m{i % keys}", (i % 997) / 997.0 + 0.5, t0 + i, i // keys) for i in range(n)]
    start = time.perf_counter()
    client.log_batch(run_id, metrics=metrics)
    seconds = time.perf_counter() - start
    client.set_terminated(run_id)
    return run_id, seconds


last_run = None
for line in sys.stdin:
    if line.strip() == "run":
        last_run, seconds = one()
        print(json.dumps({"seconds": seconds}), flush=True)
    elif line.strip() == "done":
        break

print(
    json.dumps(
        {
            "stored_m0": len(client.get_metric_history(last_run, "m0")) if last_run else 0,
            "mlflow": mlflow.__version__,
            "python": platform.python_version(),
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        }
    ),
    flush=True,
)
