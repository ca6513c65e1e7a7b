"""The chart model: loading charts, values, dependencies, and the objects templates see.

``load_chart`` reads a chart (directory or .tgz) without writing anything;
``merge_user_values`` and ``prepare_values`` reproduce Helm's values pipeline;
``release_object``, ``capabilities``, ``files_object`` and ``values_object``
build ``.Release``, ``.Capabilities``, ``.Files`` and ``.Values``.
"""

from .capabilities import capabilities, release_object
from .dependencies import prepare_values
from .files import Files, files_object
from .loader import load_archive, load_chart
from .model import Chart, ChartError, ChartObject
from .values import ValueOptions, Values, merge_user_values, validate_values_schema, values_object

__all__ = [
    "Chart", "ChartError", "ChartObject", "Files", "ValueOptions", "Values", "capabilities",
    "files_object", "load_archive", "load_chart", "merge_user_values", "prepare_values",
    "release_object", "validate_values_schema", "values_object",
]
