// _aio_http_util: what aiohttp and requests (lib_aiohttp.cpp, lib_requests.cpp) share, in Python:
// response headers looked up ignoring case, and query/form encoding.

#include "python/net/net_modules.hpp"

namespace aio::py {

const char* const http_util_source = R"py("""Shared by aio's aiohttp and requests."""

UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"


class Headers:
    """Header fields in order, looked up ignoring case (both libraries' header mappings)."""

    def __init__(self, items=()):
        self._items = list(items)

    def get(self, key, default=None):
        k = key.lower()
        for name, value in self._items:
            if name.lower() == k:
                return value
        return default

    def __getitem__(self, key):
        value = self.get(key, self)
        if value is self:
            raise KeyError(key)
        return value

    def __contains__(self, key):
        return self.get(key, self) is not self

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter([name for name, _ in self._items])

    def keys(self):
        return [name for name, _ in self._items]

    def values(self):
        return [value for _, value in self._items]

    def items(self):
        return list(self._items)


def quote(text, safe="", space="+"):
    """Percent-encoding of a query or form value (space as '+', or space="%20")."""
    out = []
    for ch in str(text):
        if ch == " ":
            out.append(space)
        elif ch in UNRESERVED or ch in safe:
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode())
    return "".join(out)


def urlencode(pairs, safe=""):
    if isinstance(pairs, dict):
        pairs = pairs.items()
    return "&".join(f"{quote(k, safe)}={quote(v, safe)}" for k, v in pairs)
)py";

}  // namespace aio::py
