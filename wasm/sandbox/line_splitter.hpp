// Cuts a stream written in chunks of any size into lines: a program's stdout/stderr reach the
// sandbox as the program writes them, and its console and trace take whole lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aio::sandbox {

class line_splitter {
public:
    // Calls on_line(line) for every line `text` completes (without its '\n'); keeps the rest.
    template <class OnLine>
    void add(std::string_view text, OnLine&& on_line) {
        pending_.append(text);
        std::size_t start = 0;
        for (std::size_t nl; (nl = pending_.find('\n', start)) != std::string::npos; start = nl + 1)
            on_line(std::string_view(pending_).substr(start, nl - start));
        pending_.erase(0, start);
    }
    // The unterminated last line, if any (the stream has ended); empties the splitter.
    std::string take_rest() {
        std::string rest;
        rest.swap(pending_);
        return rest;
    }

private:
    std::string pending_;
};

}  // namespace aio::sandbox
