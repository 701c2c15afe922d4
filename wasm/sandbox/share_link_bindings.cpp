// Module.shareLink(handle, fragment): a share link decoded and validated in C++ (share_link.hpp)
// for sb.parseShareLink. Linked into the page's module only: the widgets open no share links, and
// without this file the parser stays out of their download.
#include "binding_results.hpp"
#include "share_link.hpp"

#include <emscripten/bind.h>

#include <string>

namespace {

using namespace aio::sandbox::bindings;
using aio::sandbox::share_link;

json link_json(const share_link& link) {
    json j;
    if (link.mode == share_link::kind::recipe) {
        j = {{"mode", "recipe"}, {"recipe", link.recipe}};
    } else if (link.mode == share_link::kind::python) {
        j = {{"mode", "python"}, {"python", link.python}};
    } else {
        j = {{"mode", "example"}, {"id", link.example}, {"params", link.params}};
    }
    j["speed"] = link.speed ? json(*link.speed) : json(nullptr);
    return j;
}

std::string parse_share_link(double handle, std::string fragment) {
    return guarded([&] {
        try {
            auto link = session_of(handle).parse_share_link(fragment);
            return json{{"ok", true}, {"link", link ? link_json(*link) : json(nullptr)}}.dump();
        } catch (const aio::sandbox::share_link_error& e) {
            return text_of(json{{"ok", false},
                                {"error", {{"type", "ShareLinkError"}, {"message", e.what()}, {"key", e.key()}, {"reason", e.reason()}}}});
        }
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(aio_share_links) { emscripten::function("shareLink", &parse_share_link); }
