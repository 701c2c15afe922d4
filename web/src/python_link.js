// The py= value of a share link: base64url (no '=' padding) of the deflate-raw bytes of a Python
// program's UTF-8 source, made and read with the platform's CompressionStream /
// DecompressionStream (browsers, Node 20). The link's charset and encoded size are checked in C++
// (wasm/sandbox/share_link.hpp); what only inflating can tell is checked here, each failure a
// ShareLinkError with key 'py'.
import { ShareLinkError } from './index.js';

// A shared program is at most this many bytes of UTF-8, its CODE at most this many characters
// (share_link.hpp's max_python_source_bytes and max_python_link_chars, which the C++ checks).
// <protocol:share_link> generated from the C++ tables by web/tools/protocol.mjs: do not edit by hand
export const MAX_PYTHON_SOURCE_BYTES = 65536;
export const MAX_PYTHON_LINK_CHARS = 92160;
// </protocol:share_link>

const bad = (reason) => new ShareLinkError(`py: ${reason}`, 'py', reason);
const tooLong = () => bad(`the program is longer than ${MAX_PYTHON_SOURCE_BYTES} bytes of UTF-8`);

export async function deflateSource(source) {
  const bytes = new TextEncoder().encode(source);
  if (bytes.length > MAX_PYTHON_SOURCE_BYTES) throw tooLong();
  const packed = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  let binary = '';
  for (let i = 0; i < packed.length; i += 0x8000) binary += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// `code` has passed the C++ check (base64url, bounded). Inflating stops as soon as the output
// passes the limit, and the input goes in small pieces, so a zip bomb never inflates in memory.
export async function inflateSource(code) {
  let packed;
  try {
    packed = Uint8Array.from(atob(code.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  } catch {
    throw bad('not base64url');
  }
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const feed = (async () => {
    for (let i = 0; i < packed.length; i += 1024) {
      await writer.ready;
      writer.write(packed.subarray(i, i + 1024)).catch(() => {});
    }
    await writer.close();
  })().catch(() => {});   // a failure shows on the reading side
  const reader = stream.readable.getReader();
  const parts = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_PYTHON_SOURCE_BYTES) {
        reader.cancel().catch(() => {});
        throw tooLong();
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw bad('not deflate-raw data (the link is cut short or was changed)');
  } finally {
    await feed;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await new Blob(parts).arrayBuffer());
  } catch {
    throw bad('the program is not valid UTF-8');
  }
}
