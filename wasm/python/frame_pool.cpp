// The frame pool: a Python call reuses a released Frame (its value, block and local stacks keep
// their capacity) instead of allocating a Frame and its vectors per call.
#include "python/vm.hpp"

namespace aio::py {

namespace {

// Enough for the frames a program's tasks release between calls; more are freed.
constexpr std::size_t pool_limit = 64;

// Per OS thread: a session's frames stay on its thread, and the pool needs no lock.
struct Pool {
    std::vector<Frame*> frames;
    ~Pool() {
        gone = true;
        for (Frame* f : frames) delete f;
    }
    static thread_local bool gone;  // frames released during thread exit are freed
};
thread_local bool Pool::gone = false;
thread_local Pool pool;

// Drops what the frame holds in ~Frame's order (last member first), so objects die as they did.
void clear(Frame& f) {
    f.handled.clear();
    f.blocks.clear();
    f.stack.clear();
    f.cells.clear();
    f.fast.clear();
    f.locals = Value();
    f.globals = Value();
    f.func = Value();
    f.code_holder = Value();
    f.code = nullptr;
    f.pc = 0;
    f.line = 0;
    f.back = nullptr;
    f.started = false;
    f.thread_base = false;
}

}  // namespace

FramePtr new_frame() {
    if (Pool::gone || pool.frames.empty()) return FramePtr(new Frame());
    Frame* f = pool.frames.back();
    pool.frames.pop_back();
    return FramePtr(f);
}

void FrameRelease::operator()(Frame* f) const noexcept {
    // Clearing may run __del__ methods, which may call (and release) frames of their own.
    clear(*f);
    if (Pool::gone || pool.frames.size() >= pool_limit) {
        delete f;
        return;
    }
    pool.frames.push_back(f);
}

}  // namespace aio::py
