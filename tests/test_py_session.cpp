// Python programs as runs of the sandbox session (wasm/sandbox/python_session.cpp): the module body
// runs on the session's loop, asyncio.run(main()) at its top puts main and its tasks there, and the
// output the session streams is what python3 prints. (The page and `sb.spawnPython` use this path;
// tests/node/ drives it in wasm.)
#include "support.hpp"

#include "python/run.hpp"
#include "py_support.hpp"
#include "session.hpp"

#include <nlohmann/json.hpp>


using aio::sandbox::session;
using aio::sandbox::stream_kind;

namespace {

// One stepped session (virtual clock, driven by hand) and what it streamed.
struct python_run {
    session s{[] {
        aio::sandbox::session_options o;
        o.attach_to_host = false;
        return o;
    }()};
    std::vector<double> records;
    std::vector<std::string> strings;
    python_run() {
        s.set_batch_handler([this](const std::vector<double>& r, const std::vector<std::string>& str, std::size_t) {
            records.insert(records.end(), r.begin(), r.end());
            strings.insert(strings.end(), str.begin(), str.end());
        });
    }
    std::uint64_t start(const std::string& source, const std::string& filename = "prog.py") {
        auto id = s.spawn_source("python", source, filename);
        s.flush();
        return id;
    }
    void finish() {
        int steps = 0;  // until no task is left and nothing is ready (done callbacks included)
        while ((s.step().ran || !s.loop().all_tasks().empty()) && ++steps < 1000000) {
        }
        REQUIRE(s.loop().all_tasks().empty());
        s.flush();
    }
    std::string text(std::size_t i) const {
        double t = records[i + 8];
        return t < 0 ? std::string() : strings[static_cast<std::size_t>(t)];
    }
    // stdout and stderr lines (and the loop's log, which asyncio prints on stderr) in order, as
    // python3's merged streams, with the exit status as the snippets' recordings end.
    std::string merged() const {
        std::string out;
        int status = -1;
        for (std::size_t i = 0; i < records.size(); i += session::record_size) {
            const auto kind = static_cast<stream_kind>(records[i]);
            if (kind == stream_kind::output || kind == stream_kind::log) out += text(i) + "\n";
            if (kind == stream_kind::run_done) status = static_cast<int>(records[i + 7]);
        }
        return out + "[exit " + std::to_string(status) + "]\n";
    }
    // stdout alone (the asyncio programs' recordings are stdout only).
    std::string stdout_text() const {
        std::string out;
        for (std::size_t i = 0; i < records.size(); i += session::record_size)
            if (static_cast<stream_kind>(records[i]) == stream_kind::output && !(static_cast<int>(records[i + 7]) & 2))
                out += text(i) + "\n";
        return out;
    }
    std::vector<std::string> texts_of(double kind) const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < records.size(); i += session::record_size)
            if (records[i] == kind) out.push_back(text(i));
        return out;
    }
    std::vector<std::string> task_names() const { return texts_of(static_cast<double>(aio::trace_kind::task_created)); }
};

const char* const tasks_program = R"(import asyncio

async def work(name, delay):
    print("start", name)
    await asyncio.sleep(delay)
    print("end", name, asyncio.get_running_loop().time() - t0)
    return name

async def forever():
    try:
        await asyncio.sleep(100)
    finally:
        print("forever cancelled")

async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    asyncio.create_task(forever(), name="forever")
    r = await asyncio.gather(work("A", 1), asyncio.create_task(work("B", 2), name="worker-B"))
    print(r, len(asyncio.all_tasks()))
    return "done"

print("before")
print(asyncio.run(main()))
print("after")
)";

}  // namespace

TEST_CASE("a Python program runs on the session's loop: its tasks are the session's, its output the program's",
          "[python][session][fifo]") {
    // What the same program prints when it runs on loops of its own (run_source, compared with
    // CPython 3.11 by the snippet and program tests) is what the session streams.
    const std::string expected = py_test::run_on_virtual_clock(tasks_program, "prog.py");
    REQUIRE(expected.find("forever cancelled") != std::string::npos);
    python_run r;
    r.start(tasks_program);
    r.finish();
    CHECK(r.merged() == expected);
    auto names = r.task_names();
    CHECK(std::count(names.begin(), names.end(), "forever") == 1);
    CHECK(std::count(names.begin(), names.end(), "worker-B") == 1);
    CHECK(names.size() >= 5);  // the program's run, main, forever, work A, worker-B
    // Lanes of tasks without name= are named after their call (their asyncio name stays Task-N).
    CHECK(r.texts_of(static_cast<double>(stream_kind::task_label)) == std::vector<std::string>{"main()", "work('A', 1)"});
    CHECK(r.s.loop().time() == Approx(2.0));  // the session's own (virtual) clock ran the sleeps
}

TEST_CASE("a hosted Python program's failures: syntax errors, tracebacks, exit codes, cancellation",
          "[python][session]") {
    for (const char* program : {"print('a'\n", "import asyncio\nasync def f():\n    1/0\nasyncio.run(f())\n",
                                "import sys\nprint('bye')\nsys.exit(3)\n", "raise KeyError('k')\n"}) {
        INFO(program);
        const std::string expected = py_test::run_on_virtual_clock(program, "prog.py");
        python_run r;
        r.start(program);
        r.finish();
        CHECK(r.merged() == expected);
    }
    SECTION("one program at a time; unknown languages are refused") {
        python_run r;
        r.start("import asyncio\nasyncio.run(asyncio.sleep(5))\n");  // refused before it first runs too
        CHECK_THROWS_AS(r.s.spawn_source("python", "print(1)", "b.py"), std::logic_error);
        CHECK_THROWS_AS(r.s.spawn_source("cobol", "x", "c.cob"), std::invalid_argument);
        r.finish();
        r.start("print('next')\n");  // the first one ended: a new one may start
        r.finish();
        CHECK(r.merged().find("next\n") != std::string::npos);
    }
    SECTION("cancelling the run ends it as cancelled, with the program's state released") {
        python_run r;
        auto id = r.start("import asyncio\nasync def main():\n    await asyncio.sleep(50)\nasyncio.run(main())\n");
        auto timers = [&] { return nlohmann::json::parse(r.s.snapshot_json()).at("counts").at("timers").get<int>(); };
        for (int i = 0; i < 20 && timers() == 0; ++i) r.s.step();  // until main sleeps
        REQUIRE(timers() == 1);
        CHECK(r.s.cancel(id));
        r.finish();
        CHECK(r.merged() == "[exit 1]\n");
        python_run again;  // the front-end is free again
        again.start("print('ok')\n");
        again.finish();
        CHECK(again.merged() == "ok\n[exit 0]\n");
    }
}

#if !defined(__EMSCRIPTEN__)  // reads the source tree
TEST_CASE("every tutorial snippet without I/O prints what CPython 3.11 printed as a session run",
          "[python][session][snippets][fifo]") {
    const auto dir = py_test::snippet_dir();
    int compared = 0;
    for (const std::string& file : py_test::plain_snippets()) {
        ++compared;
        SECTION(file) {
            python_run r;
            r.start(py_test::read_text(dir / file), file);
            r.finish();
            CHECK(r.merged() == py_test::read_text((dir / file).replace_extension(".out")));
        }
    }
    CHECK(compared >= 45);
}

// tests/python/asyncio: the asyncio API programs (Runner, run_until_complete, threads, ...) as
// session runs print what CPython printed (their recordings are stdout only).
TEST_CASE("the asyncio programs print what CPython 3.11 printed as session runs", "[python][session][fifo]") {
    const auto dir = std::filesystem::path(AIO_SOURCE_DIR) / "tests" / "python" / "asyncio";
    int compared = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const auto file = e.path().filename().string();
        if (e.path().extension() != ".py" || file == "record.py") continue;
        ++compared;
        SECTION(file) {
            python_run r;
            r.start(py_test::read_text(e.path()), file);
            r.finish();
            CHECK(r.stdout_text() == py_test::read_text(std::filesystem::path(e.path()).replace_extension(".out")));
        }
    }
    CHECK(compared >= 5);
}
#endif
