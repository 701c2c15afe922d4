// --pre-js for every wasm target (see CMakeLists.txt).
//
// Node 18+ defines a global fetch(). Emscripten 3.1.6's loader then tries to fetch() the .wasm by
// its file path, which fails ("Failed to parse URL"). When running under Node, read the .wasm that
// sits next to this script ourselves and hand the bytes over as Module.wasmBinary; the loader then
// skips fetch entirely. Browsers are unaffected (no `process`), and an embedder that already set
// wasmBinary/instantiateWasm wins.
if (typeof process === 'object' && process.versions && process.versions.node &&
    typeof require === 'function' && typeof __filename === 'string' &&
    !Module['wasmBinary'] && !Module['instantiateWasm']) {
  (function () {
    var fs = require('fs');
    var path = require('path');
    var wasmFile = path.join(__dirname, path.basename(__filename).replace(/\.m?js$/, '') + '.wasm');
    if (fs.existsSync(wasmFile)) {
      Module['wasmBinary'] = fs.readFileSync(wasmFile);
    }
  })();
}

// Emscripten's getenv() sees its own ENV object, not Node's process.env: hand the program the
// runtime's AIO_* settings (e.g. AIO_SCHEDULE_SEED, aio/schedule_explorer.hpp) so they work as natively.
if (typeof process === 'object' && process.env) {
  Module['preRun'] = [].concat(Module['preRun'] || [], function () {
    if (typeof ENV !== 'object') return;  // the program never calls getenv()
    for (var key in process.env) {
      if (key.indexOf('AIO_') === 0) ENV[key] = process.env[key];
    }
  });
}

// Emscripten 3.1.6 makes /dev/random and /dev/urandom at start-up, and finding their random
// source in Node 20 loads its crypto modules (globalThis.crypto is a getter that loads webcrypto
// and streams): ~5 ms of a ~90 ms process start, for a device most programs never read. Here it
// is looked up on the first read instead (getentropy, std::random_device, /dev/urandom).
if (typeof process === 'object' && process.versions && process.versions.node &&
    typeof getRandomDevice === 'function') {
  (function (eager) {
    getRandomDevice = function () {
      var device;
      return function () { return (device || (device = eager()))(); };
    };
  })(getRandomDevice);
}
