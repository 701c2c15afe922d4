// The front-end's network modules (aiohttp, requests), in their own library (aio_python_net) because they
// need aio's I/O part (aio::http: libcurl natively, fetch in wasm): the Python core stays
// without third-party dependencies. An entry point that links them calls
// enable_network_modules() once before running programs (the aio-python program, the sandbox
// module, the tests); without it `import aiohttp` is ModuleNotFoundError.
#pragma once

#include "python/object.hpp"

namespace aio::py {

void enable_network_modules();

void init_aiohttp_native(Dict& ns);           // http_native.cpp: _aiohttp.request (awaitable)
void init_requests_native(Dict& ns);          // http_native.cpp: _requests.request (blocking)
extern const char* const aiohttp_source;      // lib_aiohttp.cpp: the aiohttp module, in Python
extern const char* const requests_source;     // lib_requests.cpp: requests and requests.exceptions
extern const char* const requests_exceptions_source;
extern const char* const http_util_source;    // lib_http_util.cpp: what both share

}  // namespace aio::py
