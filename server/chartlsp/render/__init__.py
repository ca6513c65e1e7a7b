"""Helm's render engine: template naming and parse order, include/tpl, per-file output, source maps."""
