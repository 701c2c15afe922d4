// Type declarations of the <aio-sandbox> element (page/widget.js, built into dist/widget/ by
// web/build.mjs: the "./widget" subpath). Importing the subpath defines the element; the script
// loads its modules and example sources from the files beside it (web/README.md, "The widget").

import type { RunResult, TraceLog } from './index.js';

export interface AioSandboxElement extends HTMLElement {
  // lang="python": the element shows and runs a Python program.
  readonly python: boolean;
  // Runs the example, recipe or Python program; rejects if it cannot (an unknown example).
  run(): Promise<RunResult>;
  // The last run's events, or null before the first run.
  readonly trace: TraceLog | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'aio-sandbox': AioSandboxElement;
  }
  interface HTMLElementEventMap {
    'aio-done': CustomEvent<RunResult>;  // after each run, with its result
  }
}
