"""The semantic model of a chart: diagnostics rules, value references, source mapping of findings."""
