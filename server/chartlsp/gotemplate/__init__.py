"""Go's text/template: tolerant parser with exact spans, evaluator with Go's value semantics."""
