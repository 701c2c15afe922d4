# Runs a peer through the Python front-end built to wasm (build/wasm/aio-python.js under Node):
#   node aio-python.js aio_python_run.py STEM [ARGS...]
# There sys.platform is "emscripten" (as in CPython's emscripten build), so the peer skips its
# asyncio.run line as it does under Pyodide; this runner calls it instead, as pyodide_run.mjs and
# micropython_run.mjs await main(argv). (Static imports: the front-end has no __import__.)
import asyncio
import sys

stem, argv = sys.argv[1], sys.argv[2:]
if stem == "w1_startup":
    import w1_startup as peer
elif stem == "w2_spawn_gather":
    import w2_spawn_gather as peer
elif stem == "w3_ping_pong":
    import w3_ping_pong as peer
elif stem == "w4_timers":
    import w4_timers as peer
elif stem == "w5_memory":
    import w5_memory as peer
elif stem == "w6_queue":
    import w6_queue as peer
else:
    raise SystemExit("aio_python_run.py: unknown peer " + repr(stem))
asyncio.run(peer.main(argv))
