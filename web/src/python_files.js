// The folder Python programs run in: where open(), aiofiles and sqlite3 (the tutorials' files and
// databases) keep what they write. The module's file system is Emscripten's; this mounts a
// lasting folder on it and makes it the working directory:
//   browser: DIR on IDBFS (the page's IndexedDB), loaded before the first program and saved
//            after each run ends, so a reload finds it;
//   Node:    DIR, a real folder (NODEFS).
// With no folder (Node's default) programs write to the module's in-memory folder.
const pending = new WeakMap();  // module -> the save in flight (IDBFS allows one at a time)

function syncfs(FS, populate) {
  return new Promise((resolve, reject) => FS.syncfs(populate, (err) => (err ? reject(err) : resolve())));
}

// Mounts `dir` (an absolute path: in Node the real folder, made if missing) and enters it.
export async function mountPythonFolder(module, dir, isNode) {
  const { FS } = module;
  if (!FS?.filesystems) throw new Error('this module has no file system to mount a Python folder on');
  if (isNode) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    FS.mkdirTree(dir);
    FS.mount(FS.filesystems.NODEFS, { root: dir }, dir);
  } else {
    FS.mkdirTree(dir);
    FS.mount(FS.filesystems.IDBFS, {}, dir);
    await syncfs(FS, true);
  }
  FS.chdir(dir);
}

// Writes the browser folder's changes to IndexedDB (a no-op elsewhere); saves are chained.
export function savePythonFolder(module, isNode) {
  if (isNode || !module.FS?.filesystems?.IDBFS) return Promise.resolve();
  const previous = pending.get(module) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => syncfs(module.FS, false));
  pending.set(module, next);
  return next;
}
