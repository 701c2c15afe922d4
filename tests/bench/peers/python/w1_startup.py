# W1 start-up: the smallest complete asyncio program (tools/bench times process start to exit).
import asyncio
import sys


async def main(argv):
    await asyncio.sleep(0)


if sys.platform not in ("emscripten", "webassembly"):  # Pyodide / MicroPython: the runner awaits main
    asyncio.run(main(sys.argv[1:]))
