#include "example.hpp"

#include <cstdlib>
#include <stdexcept>

namespace aio_examples {

context::context(const example_info& info, std::map<std::string, std::string> overrides, aio::loop_options options,
                 std::function<void(std::string_view)> out)
    : info_(info), options_(options), out_(std::move(out)) {
    for (const auto& p : info.params) values_[p.name] = p.default_value;
    for (auto& [name, value] : overrides) {
        if (!values_.count(name)) throw std::invalid_argument("example '" + info.id + "' has no parameter '" + name + "'");
        values_[name] = std::move(value);
    }
    if (!out_) out_ = [](std::string_view line) { std::printf("%.*s\n", static_cast<int>(line.size()), line.data()); };
}

void context::print(std::string_view line) { out_(line); }

void context::log(std::string_view text) {
    double t = aio::get_running_loop().time() - start_;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[t=%.2fs] ", t);
    print(std::string(stamp) + std::string(text));
}

const std::string& context::raw(std::string_view name) const {
    auto it = values_.find(std::string(name));
    if (it == values_.end()) throw std::invalid_argument("example '" + info_.id + "' has no parameter '" + std::string(name) + "'");
    return it->second;
}

double context::number(std::string_view name) const {
    const std::string& v = raw(name);
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end) throw std::invalid_argument("parameter '" + std::string(name) + "' is not a number: '" + v + "'");
    return d;
}

int context::integer(std::string_view name) const {
    const std::string& v = raw(name);
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end) throw std::invalid_argument("parameter '" + std::string(name) + "' is not an integer: '" + v + "'");
    return static_cast<int>(n);
}

std::string context::text(std::string_view name) const { return raw(name); }

std::vector<const example_info*>& catalog() {
    static std::vector<const example_info*> all;
    return all;
}

const example_info* find(std::string_view id) {
    for (const auto* info : catalog())
        if (info->id == id) return info;
    return nullptr;
}

namespace {
// Under schedule exploration the line also says which schedule failed, so it can be replayed.
std::string error_line(std::string_view what) {
    std::string line = "error: " + std::string(what);
    if (auto* explorer = aio::get_running_loop().explorer()) line += " (schedule: " + explorer->describe() + ")";
    return line;
}
}  // namespace

aio::coro<int> run_async(const example_info& info, context& ctx) {
    if (!info.main) throw std::logic_error("example '" + info.id + "' makes its own loops: use run()");
    try {
        ctx.set_start(aio::get_running_loop().time());
        co_await info.main(ctx);
        co_return 0;
    } catch (const std::exception& e) {
        ctx.print(error_line(e.what()));
    } catch (const aio::base_exception& e) {
        ctx.print(error_line(e.what()));
    }
    co_return 1;
}

int run(const example_info& info, run_settings settings) {
    context ctx(info, std::move(settings.params), settings.options, std::move(settings.out));
    if (!info.main) {  // makes its own loops: must not run inside one
        try {
            info.sync_main(ctx);
            return 0;
        } catch (const std::exception& e) {
            ctx.print(std::string("error: ") + e.what());
            return 1;
        }
    }
    aio::event_loop loop(settings.options);
    return loop.run(run_async(info, ctx));
}

}  // namespace aio_examples
