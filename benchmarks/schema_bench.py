"""Print the cost of the bundled Kubernetes schemas: cold load, first validator, steady validation.

Usage: ``PYTHONPATH=server python benchmarks/schema_bench.py [KUBE_VERSION]``.  The budget
for "load + first validator" is ~300 ms (an editor opening its first chart).
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()
from chartlsp.kube import schemas as S  # noqa: E402  (import time is part of the cold cost)

DEPLOYMENT = {
    "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {
        "replicas": 2, "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{
            "name": "web", "image": "nginx", "ports": [{"containerPort": 80}],
            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}},
            "livenessProbe": {"httpGet": {"path": "/", "port": 80}},
        }]}},
    },
}
INVALID = {**DEPLOYMENT, "spec": {**DEPLOYMENT["spec"], "replicas": "3", "replicaz": 1}}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def main() -> None:
    version = sys.argv[1] if len(sys.argv) > 1 else S.DEFAULT_KUBE_VERSION
    t_import = time.perf_counter() - T0
    t = time.perf_counter()
    S.api_versions_for(version)
    t_api = time.perf_counter() - t
    store = S.SchemaStore(version)
    t = time.perf_counter()
    store.kinds("apps/v1")
    t_bundle = time.perf_counter() - t
    t = time.perf_counter()
    store.schema("apps/v1", "Deployment")
    t_schema = time.perf_counter() - t
    t = time.perf_counter()
    v = store.validator("apps/v1", "Deployment")
    t_compile = time.perf_counter() - t
    cold = time.perf_counter() - T0
    n = 2000
    t = time.perf_counter()
    for _ in range(n):
        v.is_valid(DEPLOYMENT)
    t_valid = (time.perf_counter() - t) / n
    t = time.perf_counter()
    for _ in range(n):
        list(v.iter_errors(INVALID))
    t_invalid = (time.perf_counter() - t) / n
    t = time.perf_counter()
    count = sum(1 for gv in store.api_versions() for k in store.kinds(gv) if store.validator(gv, k))
    t_all = time.perf_counter() - t
    backend = "jsonschema-rs" if v._rs is not None else "jsonschema"
    print(f"Kubernetes {store.kube_version}, backend {backend}")
    print(f"import chartlsp.kube.schemas      {ms(t_import)}")
    print(f"api_versions_for (small file)     {ms(t_api)}")
    print(f"bundle decompress + index         {ms(t_bundle)}")
    print(f"Deployment schema (strict)        {ms(t_schema)}")
    print(f"Deployment validator compile      {ms(t_compile)}")
    print(f"cold total (budget ~300 ms)       {ms(cold)}")
    print(f"validate valid Deployment         {ms(t_valid)}  ({1 / t_valid:,.0f}/s)")
    print(f"validate invalid (2 errors)       {ms(t_invalid)}  ({1 / t_invalid:,.0f}/s)")
    print(f"compile all {count} other kinds      {ms(t_all)}")


if __name__ == "__main__":
    main()
