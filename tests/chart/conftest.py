"""Test setup for the chart layer.

Until ``chartlsp.encoding.goyaml`` lands, a small PyYAML-based stand-in with
the same API (YAML 1.1 bools, numbers as float64, string keys) is installed.
"""

from __future__ import annotations

import importlib
import sys
import types

import yaml


def _install_goyaml_shim() -> None:
    try:
        importlib.import_module("chartlsp.encoding.goyaml")
        return
    except ImportError:
        pass

    class YAMLError(Exception):
        pass

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def conv(v):
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v
        if isinstance(v, (int, float)):
            return float(v)
        if isinstance(v, dict):
            return {(str(k).lower() if isinstance(k, bool) else str(k)): conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return str(v)

    def loads(text):
        try:
            return conv(yaml.load(text, Loader=_Loader))
        except yaml.YAMLError as e:
            line = getattr(getattr(e, "problem_mark", None), "line", 0) + 1
            raise YAMLError(f"error converting YAML to JSON: yaml: line {line}: {getattr(e, 'problem', e)}") from None

    def load_map(text):
        v = loads(text)
        if v is None:
            return {}
        if not isinstance(v, dict):
            raise YAMLError("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into "
                            "Go value of type map[string]interface {}")
        return v

    def load_chart_yaml(text):
        v = loads(text)
        if isinstance(v, dict):
            for k in ("version", "appVersion", "name", "kubeVersion"):
                if isinstance(v.get(k), float):
                    f = v[k]
                    v[k] = str(int(f)) if f.is_integer() else repr(f)
        return v

    mod = types.ModuleType("chartlsp.encoding.goyaml")
    mod.YAMLError = YAMLError
    mod.loads = loads
    mod.load_map = load_map
    mod.load_chart_yaml = load_chart_yaml
    sys.modules["chartlsp.encoding.goyaml"] = mod
    import chartlsp.encoding as enc
    enc.goyaml = mod


_install_goyaml_shim()
