#include "example_params.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace aio::sandbox {

namespace {

bool plain_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '.') return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
    return true;
}

// The whole text as a number (strtod), nullopt-like NaN when it is not one.
double number_of(std::string_view value) {
    std::string text(value);
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    bool whole = !text.empty() && end == text.c_str() + text.size() && !std::isspace(static_cast<unsigned char>(text.front()));
    return whole ? d : std::nan("");
}

}  // namespace

bool is_number(std::string_view value) { return std::isfinite(number_of(value)); }

std::string param_problem(param_check kind, std::string_view value, const limits& bounds) {
    if (value.size() > 1000) return "longer than 1000 characters";
    switch (kind) {
    case param_check::text:
        return {};
    case param_check::number: {
        double d = number_of(value);
        if (!std::isfinite(d)) return "must be a number";
        if (d < 0 || d > bounds.max_duration)
            return "must be between 0 and " + std::to_string(static_cast<long long>(bounds.max_duration)) +
                   " (limit max_duration)";
        return {};
    }
    case param_check::count: {
        double d = number_of(value);
        if (!std::isfinite(d) || d != std::floor(d)) return "must be a whole number";
        if (d < 0 || d > static_cast<double>(bounds.max_live_tasks))
            return "must be between 0 and " + std::to_string(bounds.max_live_tasks) + " (limit max_live_tasks)";
        return {};
    }
    case param_check::path:
        if (!plain_name(value))
            return "must be a plain file name (letters, digits, '.', '_', '-'; not starting with '.'): the example's "
                   "files live in the sandbox's storage folder, so no '/', '..' or absolute paths";
        return {};
    }
    return {};
}

std::string confined_path(const storage_access& storage, std::string_view value) {
    if (auto slash = value.find_last_of('/'); slash != std::string_view::npos) value.remove_prefix(slash + 1);
    return storage.dir + "/examples/" + std::string(value);
}

}  // namespace aio::sandbox
