"""The language server: pygls glue over :mod:`chartlsp.features` (the only package importing pygls)."""
