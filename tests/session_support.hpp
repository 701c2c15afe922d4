// Shared by the native session tests whose runs wait for outside work (files, curl's thread).
#pragma once
#ifndef __EMSCRIPTEN__

#include "session.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

namespace aio_test {

// Steps a manually driven session until its loop has no task left (outside work included), then
// flushes its records. A run that never ends fails the test after a minute instead of hanging.
inline void run_session_to_end(aio::sandbox::session& s) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        REQUIRE(std::chrono::steady_clock::now() < give_up);
        if (s.step().ran) continue;
        if (s.loop().all_tasks().empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    s.flush();
}

}  // namespace aio_test

#endif
