"""Kubernetes layer: bundled API schemas, CRD schemas and validation of rendered manifests."""
