// --pre-js of the sandbox module (build/wasm/aio_sandbox.mjs: MODULARIZE + EXPORT_ES6).
// Emscripten's Node support calls require() and reads __dirname, which an ES module does not
// have. The JS package (web/src/index.js) passes them in as Module.nodeRequire and
// Module.nodeDirname (from node:module's createRequire); `var` makes them locals of the module
// factory, so nothing global changes. In browsers both stay undefined and are never used.
var require = Module['nodeRequire'];
var __dirname = Module['nodeDirname'];
