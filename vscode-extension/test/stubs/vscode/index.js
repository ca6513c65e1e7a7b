// A minimal stand-in for the `vscode` module (no VS Code binary in CI): enough
// for the bundle to load and for PreviewProvider to run. Tests drive it via `__test`.
const listeners = { change: [] };
class EventEmitter {
  constructor() { this.handlers = []; this.event = (h) => { this.handlers.push(h); return { dispose() {} }; }; }
  fire(v) { this.handlers.forEach((h) => h(v)); }
  dispose() {}
}
class Uri {
  constructor(scheme, p, query) { this.scheme = scheme; this.path = p; this.query = query || ""; this.fsPath = p; }
  static from(c) { return new Uri(c.scheme, c.path, c.query); }
  static file(p) { return new Uri("file", p, ""); }
  toString() { return `${this.scheme}://${this.path}${this.query ? "?" + this.query : ""}`; }
}
class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range { constructor(a, b) { this.start = a; this.end = b; } }
class Selection extends Range { constructor(a, b) { super(a, b); this.active = b; } }
const messages = [];
const known = {
  EventEmitter, Uri, Position, Range, Selection,
  ViewColumn: { One: 1, Beside: -2 },
  TextEditorRevealType: { AtTop: 3 },
  StatusBarAlignment: { Left: 1 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2 },
  ProgressLocation: { Notification: 15 },
  workspace: {
    onDidChangeTextDocument: (h) => { listeners.change.push(h); return { dispose() {} }; },
    getConfiguration: () => ({ get: () => undefined }),
  },
  window: {
    showInformationMessage: (m) => { messages.push(m); },
    showWarningMessage: (m) => { messages.push(m); },
    showErrorMessage: (m) => { messages.push(m); },
  },
  __test: { listeners, messages },
};
// vscode-languageclient subclasses vscode classes (CodeLens, Hover, ...) at load: any other
// capitalised name is an empty class, anything else an empty namespace.
module.exports = new Proxy(known, {
  get: (t, k) => (k in t ? t[k] : typeof k === "string" && /^[A-Z]/.test(k) ? (t[k] = class {}) : (t[k] = {})),
});
