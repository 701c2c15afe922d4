// The tutorials' per-snippet C++ ports (examples/ports/<snippet>.cpp, plain `int main()` programs
// built as ports/<snippet>): each, run unchanged with AIO_CLOCK=virtual, prints what CPython 3.11
// printed for examples/python/<snippet>.py (its .out, stdout and stderr merged) and ends with the
// same exit status. Each runs in a fresh folder holding examples/python/fixtures/ (as CPython was
// recorded). Snippets marked `random` in examples/python/catalog.json are compared by shape, as
// tests/python_snippets_test.py does: digits blanked, lines in any order; `unordered` ones line
// by line in any order (their lines come from work finishing on threads).
//
// Network snippets (catalog `io` has "network") fetch the tutorials' public sites; CPython's
// recording is this machine's DNS failure, which a port could only print canned. Their ports run
// on the simulated network (AIO_NETWORK=simulated) and are compared with aio-python's run of the
// snippet itself on that network and clock: the same lines in the same order and exit status, and
// the same requests labelled "simulated network: ..." (as a multiset: the port logs from its own
// loop, the front-end through its handler). aio-python's aiohttp and requests are held to
// CPython's output against a real server by tests/python/net.
#if !defined(__EMSCRIPTEN__) && defined(AIO_PORTS_DIR)

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct run_result {
    std::string output;  // stdout and stderr, in one pipe
    int exit_status = -1;
    bool timed_out = false;
};

// Runs `args` (the program first) in folder `cwd` with AIO_CLOCK=virtual, and AIO_NETWORK=simulated
// if `simulated_network`, set in this process's environment. A program on the virtual clock ends
// in milliseconds; 30 s without end means it hangs (it is then killed).
run_result run_virtual(std::vector<std::string> args, const fs::path& cwd, bool simulated_network = false) {
    run_result r;
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    std::vector<std::string> env_text{"AIO_CLOCK=virtual", simulated_network ? "AIO_NETWORK=simulated" : "AIO_NETWORK="};
    for (char** e = environ; *e; ++e) {
        const std::string_view var(*e);
        if (!var.starts_with("AIO_CLOCK=") && !var.starts_with("AIO_NETWORK=")) env_text.emplace_back(*e);
    }
    std::vector<char*> env;
    for (auto& e : env_text) env.push_back(e.data());
    env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    REQUIRE(spawned == 0);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            r.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        r.output.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

// A recorded .out: the output, then "[exit N]".
struct recorded {
    std::string output;
    int exit_status = -1;
};

recorded parse_recorded(const std::string& text) {
    const auto start = text.rfind("[exit ");
    REQUIRE(start != std::string::npos);
    REQUIRE((start == 0 || text[start - 1] == '\n'));
    return {text.substr(0, start), std::stoi(text.substr(start + 6))};
}

// Lines in any order (work finishing on threads): sorted, each line kept whole.
std::string sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// Compared by shape: digits blanked, lines sorted.
std::string shape(const std::string& text) {
    std::string blanked;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            if (blanked.empty() || blanked.back() != '#') blanked += '#';
        } else {
            blanked += c;
        }
    }
    return sorted_lines(blanked);
}

// The snippets whose catalog entry has `flag` true ("random", "unordered"), or, with `io`, whose
// `io` list holds it ("network").
std::set<std::string> snippets_marked(const fs::path& python, const char* flag, const char* io = nullptr) {
    std::set<std::string> out;
    const auto catalog = nlohmann::json::parse(read_text(python / "catalog.json"));
    for (const auto& s : catalog.at("snippets")) {
        if (!s.contains("file")) continue;
        const bool marked = io ? s.contains(flag) && std::count(s.at(flag).begin(), s.at(flag).end(), io) > 0
                               : s.value(flag, false);
        if (marked) out.insert(fs::path(s.at("file").get<std::string>()).stem());
    }
    return out;
}

// A run's output split into the simulated network's labels ("simulated network: GET ...", with
// the "aio: " of a loop without a log handler taken off), sorted, and every other line in order.
struct labelled_output {
    std::string lines, labels;
};

labelled_output split_labels(const std::string& text) {
    labelled_output out;
    std::vector<std::string> labels;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) {
        const std::string_view l = std::string_view(line).substr(line.starts_with("aio: ") ? 5 : 0);
        if (l.starts_with("simulated network: ")) labels.emplace_back(l);
        else out.lines += line + "\n";
    }
    std::sort(labels.begin(), labels.end());
    for (const auto& l : labels) out.labels += l + "\n";
    return out;
}

// A fresh folder holding the files the tutorials' file snippets read (examples/python/fixtures/),
// as tools/py_record.py ran CPython; removed when the port has run.
struct fixture_folder {
    fs::path path;
    explicit fixture_folder(const fs::path& fixtures) {
        std::string tmpl = (fs::temp_directory_path() / "aio-port-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
        for (const auto& f : fs::directory_iterator(fixtures)) fs::copy_file(f.path(), path / f.path().filename());
    }
    ~fixture_folder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

}  // namespace

TEST_CASE("every C++ port prints on the virtual clock what CPython 3.11 printed for its snippet "
          "(a network snippet: what aio-python prints for it on the simulated network)", "[ports][fifo]") {
    const fs::path source = fs::path(AIO_SOURCE_DIR) / "examples";
    const fs::path python = source / "python";
    const auto by_shape = snippets_marked(python, "random");
    const auto unordered = snippets_marked(python, "unordered");
    const auto network = snippets_marked(python, "io", "network");
    CHECK(network.count("t0_4_1_aiohttp"));
    std::vector<std::string> ports;
    for (const auto& entry : fs::directory_iterator(source / "ports"))
        if (entry.path().extension() == ".cpp") ports.push_back(entry.path().stem());
    std::sort(ports.begin(), ports.end());
    CHECK(ports.size() >= 10);
    for (const std::string& name : ports) {
        SECTION(name) {
            const fs::path snippet = python / (name + ".out");
            INFO("examples/ports/" << name << ".cpp ports examples/python/" << name << ".py");
            REQUIRE(fs::exists(snippet));
            const fs::path exe = fs::path(AIO_PORTS_DIR) / name;
            REQUIRE(fs::exists(exe));  // built with aio_tests (CMakeLists.txt, AIO_PORT_TARGETS)
            const recorded expected = parse_recorded(read_text(snippet));
            const fixture_folder folder(python / "fixtures");
            const run_result got = run_virtual({exe}, folder.path, network.count(name) > 0);
            REQUIRE_FALSE(got.timed_out);
            if (network.count(name)) {
#ifdef AIO_PYTHON_EXE
                const fixture_folder python_folder(python / "fixtures");
                const run_result reference = run_virtual({AIO_PYTHON_EXE, (python / (name + ".py")).string()},
                                                         python_folder.path, true);
                REQUIRE_FALSE(reference.timed_out);
                const labelled_output port = split_labels(got.output), snippet_run = split_labels(reference.output);
                CHECK(port.lines == snippet_run.lines);
                CHECK(port.labels == snippet_run.labels);
                CHECK(got.exit_status == reference.exit_status);
#else
                FAIL("aio-python is not built: network snippets' ports are compared with its run");
#endif
            } else if (by_shape.count(name)) {
                CHECK(shape(got.output) == shape(expected.output));
            } else if (unordered.count(name)) {
                CHECK(sorted_lines(got.output) == sorted_lines(expected.output));
            } else {
                CHECK(got.output == expected.output);
            }
            if (!network.count(name)) CHECK(got.exit_status == expected.exit_status);
        }
    }
}

#endif
