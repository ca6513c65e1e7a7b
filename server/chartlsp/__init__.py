"""chartlsp: Helm charts as safe as typed code.

Layers, each importing only the ones above it: gotemplate → functions →
chart → render → kube → analysis → features → {lsp, cli}.
"""

__version__ = "0.1.0"
