"""Feast contender of `npm run bench:features`.

Feast only joins precomputed values, so the trust features come precomputed as one row per creator and
day end (written by the project outside the timed section). This registers one feature view over that
Parquet file (file offline store, registered through the Python API so no repo folder is imported) and
times only `get_historical_features(entity_df, features).to_df()` for the 12 as-of points per creator.

    python feast_frame.py DAILY.parquet SPINE.parquet WORKDIR RUNS

Prints one JSON line: {"seconds": [...], "rows": n, "columns": n, "feast": version}.
"""

import json
import os
import sys
import time
from datetime import timedelta

os.environ.setdefault("FEAST_USAGE", "False")

import pandas as pd  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import feast  # noqa: E402
from feast import Entity, FeatureStore, FeatureView, Field, FileSource  # noqa: E402
from feast.types import Float64, String  # noqa: E402

daily, spine, workdir, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
os.makedirs(os.path.join(workdir, "data"), exist_ok=True)
with open(os.path.join(workdir, "feature_store.yaml"), "w") as f:
    f.write(
        "project: kol_bench\nregistry: data/registry.db\nprovider: local\n"
        "online_store:\n  type: sqlite\n  path: data/online.db\n"
        "offline_store:\n  type: file\nentity_key_serialization_version: 3\n"
    )

schema = pq.read_schema(daily)
fields = []
for name in schema.names:
    if name in ("creator_id", "as_of"):
        continue
    t = schema.field(name).type
    fields.append(Field(name=name, dtype=String if str(t) in ("string", "large_string") else Float64))

creator = Entity(name="creator", join_keys=["creator_id"])
source = FileSource(path=os.path.abspath(daily), timestamp_field="as_of")
# The rows sit exactly at the as-of instants; a one-day TTL keeps Feast from reaching further back.
view = FeatureView(name="trust", entities=[creator], ttl=timedelta(days=1), schema=fields, source=source)
store = FeatureStore(repo_path=workdir)
store.apply([creator, view])

entity_df = pd.read_parquet(spine)
entity_df["event_timestamp"] = pd.to_datetime(entity_df["event_timestamp"], utc=True)
refs = [f"trust:{fl.name}" for fl in fields]

seconds = []
out = None
for _ in range(runs):
    t = time.perf_counter()
    out = store.get_historical_features(entity_df=entity_df, features=refs).to_df()
    seconds.append(time.perf_counter() - t)

out.sort_values(["creator_id", "event_timestamp"]).to_parquet(os.path.join(workdir, "feast_out.parquet"))
print(json.dumps({"seconds": seconds, "rows": len(out), "columns": len(out.columns), "feast": feast.__version__}))
