// Bugs the fuzzers (tests/fuzz/) found, each pinned by its reproducer so it stays fixed in both
// builds. The inputs are also in tests/fuzz/corpus/<target>/regress_*.
#include "support.hpp"

#include "aio/detail/store_log.hpp"
#include "aio/http.hpp"
#include "recipe.hpp"
#include "share_link.hpp"

using namespace aio::store::detail;

TEST_CASE("fuzz store_log: a snapshot record that fails half-way leaves no partial state behind", "[fuzz][store]") {
    // Found by fuzz_store_log (corpus/store_log/regress_partial_snapshot): the replay cleared the
    // state and added stores before finding the record bad; the record was then cut off the file
    // while its half stayed in memory, so memory and disk disagreed.
    std::vector<write_op> ops;
    ops.push_back({write_op::create, "users"});
    ops.push_back({write_op::put, "users", aio::store::key(1), aio::store::json("Ada")});
    std::string good = std::string(log_magic) + ops_record(ops);
    std::string content = good + frame(R"({"snapshot":[["user","x",null,1]]})");
    store_map data;
    log_scan scan = replay_log(content, data);
    CHECK(scan.records == 1);
    CHECK(scan.good_bytes == good.size());
    store_map expected;
    for (const auto& op : ops) apply(expected, op);
    CHECK(data == expected);
    // A well-formed snapshot still replaces everything before it.
    store_map snap;
    snap["jobs"][aio::store::key("k")] = aio::store::json(2);
    store_map after;
    replay_log(good + snapshot_record(snap), after);
    CHECK(after == snap);
}

TEST_CASE("fuzz store_log: a string that is not UTF-8 is refused at commit with a store error", "[fuzz][store]") {
    std::vector<write_op> ops;
    ops.push_back({write_op::put, "users", aio::store::key("\xff"), aio::store::json(1)});
    CHECK_THROWS_AS(ops_record(ops), aio::store::error);
}

TEST_CASE("fuzz http_response: a JSON body with a number past a double is a parse_error", "[fuzz][http]") {
    // Found by fuzz_http_response (corpus/http_response/regress_number_overflow): nlohmann throws
    // out_of_range for 1e999, which escaped callers that catch parse_error as documented.
    aio::http::response r;
    r.body = R"({"a": [2E414]})";
    CHECK_THROWS_AS(r.json(), nlohmann::json::parse_error);
    r.body = "[1]";
    CHECK(r.json() == nlohmann::json::array({1}));
}

TEST_CASE("fuzz: a recipe with a number past a double is a recipe_error", "[fuzz][recipe]") {
    // Same root cause as the HTTP body: parse_recipe let nlohmann's out_of_range escape.
    CHECK_THROWS_AS(aio::sandbox::parse_recipe(R"({"main": [{"sleep": 1e999}]})"), aio::sandbox::recipe_error);
}

TEST_CASE("fuzz share_link: a bad %-escape in the value of an empty key names the link", "[fuzz][share_link]") {
    // Found by fuzz_share_link (corpus/share_link/regress_error_without_key): the error had an
    // empty key.
    try {
        aio::sandbox::parse_share_link("#=%2", {});
        FAIL("expected a share_link_error");
    } catch (const aio::sandbox::share_link_error& e) {
        CHECK(e.key() == "#");
    }
}

TEST_CASE("fuzz http_response: header lines as libcurl hands them over", "[fuzz][http]") {
    aio::http::response r;
    for (const char* line : {"HTTP/1.1 302 Found\r\n", "Location: /a\r\n", "HTTP/1.1 200 OK\r\n",
                             "Content-Type:\t application/json\r\n", "X-Empty:\r\n", "no colon\r\n", "\r\n"})
        aio::http::detail::read_header_line(r, line);
    CHECK(r.reason == "OK");
    CHECK(r.headers.size() == 2);  // the redirect's Location went with its response
    CHECK(r.headers.get("CONTENT-TYPE") == "application/json");
    CHECK(r.headers.get("x-empty") == "");
}
