// unique_frame: the one owner of a coroutine frame that coro<T> and async_generator<T, S> are
// built on. Move-only; destroys the frame when reset, assigned over or destroyed, unless it was
// released (create_task takes a coro's frame out this way).
#pragma once

#include "aio/detail/coroutine.hpp"

#include <utility>

namespace aio::detail {

template <class Promise>
class unique_frame {
public:
    using handle_type = co::coroutine_handle<Promise>;

    unique_frame() = default;
    explicit unique_frame(handle_type frame) noexcept : frame_(frame) {}
    unique_frame(unique_frame&& other) noexcept : frame_(std::exchange(other.frame_, {})) {}
    unique_frame& operator=(unique_frame&& other) noexcept {
        if (this != &other) {
            reset();
            frame_ = std::exchange(other.frame_, {});
        }
        return *this;
    }
    ~unique_frame() { reset(); }

    explicit operator bool() const noexcept { return static_cast<bool>(frame_); }
    handle_type get() const noexcept { return frame_; }
    Promise& promise() const { return frame_.promise(); }
    bool done() const { return frame_.done(); }
    // Gives the frame up without destroying it: the caller owns it now.
    handle_type release() noexcept { return std::exchange(frame_, {}); }
    void reset() noexcept {
        if (frame_) frame_.destroy();
        frame_ = {};
    }

private:
    handle_type frame_{};
};

}  // namespace aio::detail
