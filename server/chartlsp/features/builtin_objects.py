"""Helm's built-in objects (``.Release``, ``.Chart``...) with their fields, for completion and hover."""

from __future__ import annotations

# name -> (doc, {field: doc}); a field whose doc starts with "method" is called with arguments
OBJECTS: dict[str, tuple[str, dict[str, str]]] = {
    "Values": ("The chart's values: values.yaml merged with user-supplied values files and --set.", {}),
    "Release": ("The release being rendered.", {
        "Name": "The release name.",
        "Namespace": "The namespace the release is installed in.",
        "IsUpgrade": "True when the operation is an upgrade or rollback.",
        "IsInstall": "True when the operation is an install.",
        "Revision": "The revision number (1 on install, incremented on each upgrade).",
        "Service": "The service rendering the template: always \"Helm\".",
    }),
    "Chart": ("The contents of Chart.yaml (fields in UpperCamelCase).", {
        "Name": "The chart name.", "Version": "The chart version (SemVer 2).",
        "AppVersion": "The version of the app the chart contains.",
        "Description": "A one-sentence description of the chart.",
        "ApiVersion": "The chart API version (v1 or v2).", "Type": "application or library.",
        "KubeVersion": "The SemVer range of compatible Kubernetes versions.",
        "Home": "The project's home page URL.", "Icon": "The URL of an icon for the chart.",
        "Keywords": "Keywords about the project.", "Sources": "URLs of the project's source code.",
        "Maintainers": "The chart maintainers.", "Annotations": "Extra annotations (map of strings).",
        "Dependencies": "The chart's dependencies.", "Deprecated": "Whether the chart is deprecated.",
        "Condition": "The condition (v1 charts).", "Tags": "The tags (v1 charts).",
    }),
    "Capabilities": ("What the target Kubernetes cluster supports.", {
        "APIVersions": "The API versions available; use .Capabilities.APIVersions.Has \"apps/v1\".",
        "KubeVersion": "The Kubernetes version: .Version, .Major, .Minor.",
        "HelmVersion": "Helm's build info: .Version, .GitCommit, .GitTreeState, .GoVersion.",
    }),
    "Files": ("The chart's non-template files.", {
        "Get": "method Get NAME: the file's content as a string.",
        "GetBytes": "method GetBytes NAME: the file's content as bytes.",
        "Glob": "method Glob PATTERN: the files whose names match the glob, as a Files object.",
        "Lines": "method Lines NAME: the file's lines as a list.",
        "AsSecrets": "method AsSecrets: the files as Secret data (base64-encoded).",
        "AsConfig": "method AsConfig: the files as ConfigMap data.",
    }),
    "Template": ("The template being executed.", {
        "Name": "The namespaced path of the current template (mychart/templates/x.yaml).",
        "BasePath": "The namespaced path of the chart's templates directory.",
    }),
    "Subcharts": ("The render objects of the chart's subcharts, by name.", {}),
}
