"""Byte-exact re-implementations of the Go encoders and decoders Helm uses (JSON, YAML, TOML)."""
