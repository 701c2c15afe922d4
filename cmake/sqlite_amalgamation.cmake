# SQLite for the wasm builds: the official amalgamation (sqlite3.c, sqlite3.h), compiled into the
# module. It comes from the npm registry, pinned and checked: better-sqlite3 ships the
# amalgamation it builds (deps/sqlite3/), and only that folder is used (`npm pack` downloads the
# tarball, nothing is installed or run). Natively, Debian's libsqlite3-dev is used instead.
#
# Defines the static library aio_sqlite3 (C). The source is cached in AIO_SQLITE_DIR; point it at
# a folder holding sqlite3.c and sqlite3.h to use another copy.
set(_aio_sqlite_package "better-sqlite3@12.11.1")  # SQLite 3.53.2
set(_aio_sqlite_sha256 "ebf0ed75a7a59dbcb3b24bbd014ef49d9f15bc328e4adcbf516f2a8fadfa2835")
set(AIO_SQLITE_DIR "${CMAKE_BINARY_DIR}/_deps/sqlite" CACHE PATH "folder with SQLite's amalgamation (sqlite3.c, sqlite3.h)")

if(NOT EXISTS "${AIO_SQLITE_DIR}/sqlite3.c")
  find_program(AIO_NPM npm)
  if(NOT AIO_NPM)
    message(FATAL_ERROR "npm is needed to fetch SQLite's amalgamation (${_aio_sqlite_package}): apt-get install npm")
  endif()
  set(_aio_pack "${CMAKE_BINARY_DIR}/_deps/sqlite-pack")
  file(REMOVE_RECURSE "${_aio_pack}")
  file(MAKE_DIRECTORY "${_aio_pack}")
  message(STATUS "Fetching SQLite's amalgamation: npm pack ${_aio_sqlite_package}")
  execute_process(COMMAND "${AIO_NPM}" pack "${_aio_sqlite_package}" --silent
                  WORKING_DIRECTORY "${_aio_pack}" RESULT_VARIABLE _aio_rc OUTPUT_VARIABLE _aio_tgz
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _aio_rc EQUAL 0)
    message(FATAL_ERROR "npm pack ${_aio_sqlite_package} failed (${_aio_rc}): is the npm registry reachable?")
  endif()
  file(SHA256 "${_aio_pack}/${_aio_tgz}" _aio_hash)
  if(NOT _aio_hash STREQUAL _aio_sqlite_sha256)
    message(FATAL_ERROR "${_aio_tgz}: SHA-256 ${_aio_hash}, expected ${_aio_sqlite_sha256}")
  endif()
  file(ARCHIVE_EXTRACT INPUT "${_aio_pack}/${_aio_tgz}" DESTINATION "${_aio_pack}"
       PATTERNS package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h)
  file(MAKE_DIRECTORY "${AIO_SQLITE_DIR}")
  file(COPY "${_aio_pack}/package/deps/sqlite3/sqlite3.c" "${_aio_pack}/package/deps/sqlite3/sqlite3.h"
       DESTINATION "${AIO_SQLITE_DIR}")
  file(REMOVE_RECURSE "${_aio_pack}")
endif()

enable_language(C)
add_library(aio_sqlite3 STATIC "${AIO_SQLITE_DIR}/sqlite3.c")
target_include_directories(aio_sqlite3 SYSTEM PUBLIC "${AIO_SQLITE_DIR}")
# For size (≈260 KB gzip at -Oz) and this host: the module's Python threads share one thread
# (THREADSAFE=0), no extensions to load, no deprecated APIs.
target_compile_options(aio_sqlite3 PRIVATE -Oz -w)
target_compile_definitions(aio_sqlite3 PRIVATE SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION
                           SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_OMIT_DEPRECATED SQLITE_OMIT_SHARED_CACHE
                           SQLITE_OMIT_PROGRESS_CALLBACK SQLITE_OMIT_AUTHORIZATION)
if(AIO_WASM_THREADS)  # a shared-memory module: every object must be built for it
  target_compile_options(aio_sqlite3 PRIVATE -pthread)
endif()
