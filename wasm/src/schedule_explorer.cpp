// Schedule exploration (see aio/schedule_explorer.hpp): seeded choices, their recording and replay, and the
// explorer the environment gives every loop.
#include "aio/schedule_explorer.hpp"

#include "aio/detail/read_file.hpp"
#include "aio/detail/splitmix.hpp"

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace aio {

namespace {

// One character per choice below 62 (nearly all: a tick rarely has more ready items), "(N)" above.
constexpr std::string_view digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

void append_choice(std::string& out, std::size_t choice) {
    if (choice < digits.size()) {
        out += digits[choice];
    } else {
        out += '(' + std::to_string(choice) + ')';
    }
}

// Reads the choice at `at` and moves past it; throws on malformed text.
std::size_t parse_choice(std::string_view text, std::size_t& at) {
    char c = text[at++];
    if (c != '(') {
        auto value = digits.find(c);
        if (value == std::string_view::npos)
            throw std::invalid_argument(std::string("schedule recording: unexpected character '") + c + "'");
        return value;
    }
    std::size_t value = 0, length = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && length < 18) {
        value = value * 10 + static_cast<std::size_t>(text[at++] - '0');
        ++length;
    }
    if (length == 0 || at >= text.size() || text[at] != ')')
        throw std::invalid_argument("schedule recording: '(' must be followed by a number and ')'");
    ++at;
    return value;
}

}  // namespace

schedule_explorer::schedule_explorer(std::uint64_t seed, std::shared_ptr<const std::string> replay)
    : seed_(seed), state_(seed), replay_(std::move(replay)) {}

std::shared_ptr<schedule_explorer> schedule_explorer::seeded(std::uint64_t seed) {
    return std::shared_ptr<schedule_explorer>(new schedule_explorer(seed, nullptr));
}

std::shared_ptr<schedule_explorer> schedule_explorer::replaying(std::string_view recording) {
    for (std::size_t at = 0; at < recording.size();) parse_choice(recording, at);  // validate now
    auto text = std::make_shared<const std::string>(recording);
    return std::shared_ptr<schedule_explorer>(new schedule_explorer(0, std::move(text)));
}

std::size_t schedule_explorer::pick(std::size_t n) {
    if (n <= 1) return 0;
    std::size_t choice;
    if (replay_) {
        choice = next_recorded();
        if (choice >= n) {
            ++divergences_;
            choice = choice == std::string::npos ? 0 : choice % n;
        }
    } else {
        choice = static_cast<std::size_t>(detail::splitmix64(state_) % n);
    }
    record(choice);
    return choice;
}

std::size_t schedule_explorer::next_recorded() {
    if (replay_at_ >= replay_->size()) return std::string::npos;
    return parse_choice(*replay_, replay_at_);
}

void schedule_explorer::record(std::size_t choice) {
    append_choice(recording_, choice);
    ++choices_;
}

void schedule_explorer::restart() {
    state_ = seed_;
    replay_at_ = 0;
    recording_.clear();
    choices_ = divergences_ = 0;
}

std::string schedule_explorer::describe() const {
    if (replay_) return "AIO_SCHEDULE_REPLAY=" + *replay_;
    return "AIO_SCHEDULE_SEED=" + std::to_string(seed_);
}

// ---------------------------------------------------------------- from the environment

namespace {

// A replay file's recording, without trailing blanks.
std::string read_recording(const std::string& path) {
    std::optional<std::string> text = aio::detail::read_file(path);
    if (!text) throw std::invalid_argument("AIO_SCHEDULE_REPLAY: cannot read " + path);
    std::string s = std::move(*text);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

// What the environment asks for, read once: the environment does not change under a program.
struct environment_setting {
    bool explore = false;
    bool replay = false;
    std::uint64_t seed = 0;
    std::string recording;
};

environment_setting read_environment() {
    environment_setting e;
    if (const char* replay = std::getenv("AIO_SCHEDULE_REPLAY"); replay && *replay) {
        e.explore = e.replay = true;
        e.recording = replay[0] == '@' ? read_recording(replay + 1) : replay;
        schedule_explorer::replaying(e.recording);  // validates
        return e;
    }
    const char* seed = std::getenv("AIO_SCHEDULE_SEED");
    if (!seed || !*seed) return e;
    char* end = nullptr;
    e.seed = std::strtoull(seed, &end, 10);
    if (*end != '\0' || *seed == '-')
        throw std::invalid_argument(std::string("AIO_SCHEDULE_SEED must be a number, not '") + seed + "'");
    e.explore = true;
    return e;
}

thread_local std::shared_ptr<schedule_explorer> latest;

}  // namespace

std::shared_ptr<schedule_explorer> environment_schedule() {
    static const environment_setting setting = read_environment();
    if (!setting.explore) return nullptr;
    latest = setting.replay ? schedule_explorer::replaying(setting.recording) : schedule_explorer::seeded(setting.seed);
    return latest;
}

std::shared_ptr<schedule_explorer> latest_environment_schedule() { return latest; }

}  // namespace aio
