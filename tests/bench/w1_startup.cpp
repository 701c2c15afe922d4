// W1 start-up: the smallest complete program. tools/bench times process start to exit and
// measures the download size of this program (bench_w1_startup.wasm + .js, raw and gzip -9).
// aio::run: in wasm, Node's event loop drives the aio loop (host mode).
#include "aio/run.hpp"
#include "aio/sleep.hpp"

aio::coro<int> amain() {
    co_await aio::sleep(0);
    co_return 0;
}

int main() { return aio::run_main(amain()); }
