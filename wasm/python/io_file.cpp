// The builtin open(): text and binary files for the tutorials' synchronous demos, over C stdio
// (natively the real file system; in wasm, Emscripten's: the host's files under Node's CLI, the
// in-memory folder in a page). CPython's io classes by name and repr (TextIOWrapper,
// BufferedReader/Writer/Random), its modes and its errors: OSError subclasses with errno and
// filename, "I/O operation on closed file.", io.UnsupportedOperation.
//
// Text is UTF-8, ASCII or Latin-1 with CPython's error handlers (codecs.cpp); with newline=None
// (the default) reading translates "\r\n" and "\r" to "\n" and writing writes "\n" as it is
// (Linux's os.linesep); newline="\r\n"/"\r" translate on writing, "" and "\n" never. The calls are blocking and quick: under the threads model
// (threads.hpp) they hold the GIL for their duration, as CPython's do for a local file.
#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace aio::py {

using namespace detail;

Type text_io_type("TextIOWrapper", &object_type, Kind::object);
Type buffered_reader_type("BufferedReader", &object_type, Kind::object);
Type buffered_writer_type("BufferedWriter", &object_type, Kind::object);
Type buffered_random_type("BufferedRandom", &object_type, Kind::object);
// CPython: class UnsupportedOperation(OSError, ValueError).
Type unsupported_operation_type("UnsupportedOperation", &exc::OSError, Kind::exception);

namespace {

struct File : Object {
    File(Type* t, std::FILE* f) : Object(t), fp(f) {}
    ~File() override {
        if (fp) std::fclose(fp);
    }
    std::FILE* fp;
    Value name;        // as given to open()
    std::string mode;  // as given ("r", "rb", "w+", ...)
    std::string encoding;  // as given
    codec text_codec = codec::utf8;
    std::string errors = "strict";
    std::string newline_out = "\n";  // what "\n" is written as (newline= "\r\n" or "\r")
    bool binary = false, readable = false, writable = false;
    bool translate = true;  // reading turns "\r\n" and "\r" into "\n" (newline=None)
};

bool is_file(const Value& v) {
    return isinstance(v, text_io_type) || isinstance(v, buffered_reader_type) ||
           isinstance(v, buffered_writer_type) || isinstance(v, buffered_random_type);
}

File& self_file(const Value* a, std::size_t n, const char* method) {
    if (n == 0 || !is_file(a[0]))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a file object");
    return *static_cast<File*>(a[0].obj());
}

// The open file, or CPython's ValueError once closed.
File& open_file(const Value* a, std::size_t n, const char* method) {
    File& f = self_file(a, n, method);
    if (!f.fp) raise(exc::ValueError, "I/O operation on closed file.");
    return f;
}

[[noreturn]] void unsupported(const char* what) {
    raise(new_exception(unsupported_operation_type, {new_str(what)}));
}

std::string str_arg(const Value& v, const char* fname, const char* what) {
    if (!is(v, Kind::str))
        raise(exc::TypeError, std::string(fname) + "() argument '" + what + "' must be str or None, not " + type_name(v));
    return v.as<Str>()->s;
}

// ---- reading ----

// One byte, or EOF.
int next_byte(File& f) { return std::getc(f.fp); }

// Text mode's newline translation: "\r\n" and "\r" read as "\n".
int next_text_byte(File& f) {
    int c = next_byte(f);
    if (c == '\r' && f.translate) {
        int d = next_byte(f);
        if (d != '\n' && d != EOF) std::ungetc(d, f.fp);
        return '\n';
    }
    return c;
}

Value result(File& f, std::string bytes) {
    if (f.binary) return Value(new Bytes(std::move(bytes)));
    return new_str(decode_bytes(bytes, f.text_codec, f.errors));
}

void check_readable(File& f) {
    if (!f.readable) unsupported(f.binary ? "read" : "not readable");
}

// One character (UTF-8 text: a whole sequence, newlines translated; binary, ASCII and Latin-1:
// one byte) appended to out; its first byte, or EOF at the end.
int read_char(File& f, std::string& out) {
    int c = f.binary ? next_byte(f) : next_text_byte(f);
    if (c == EOF) return c;
    out.push_back(static_cast<char>(c));
    if (f.binary || f.text_codec != codec::utf8) return c;
    int more = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    for (int d; more > 0 && (d = next_byte(f)) != EOF; --more) out.push_back(static_cast<char>(d));
    return c;
}

// All that is left (text: translated), or up to `size` bytes (binary) / characters (text).
std::string read_bytes(File& f, std::int64_t size) {
    std::string out;
    if (size < 0) {
        char buf[65536];
        std::size_t got;
        while ((got = std::fread(buf, 1, sizeof buf, f.fp)) > 0) {
            check_size(static_cast<std::int64_t>(out.size() + got));
            out.append(buf, got);
        }
        if (f.binary || !f.translate) return out;
        std::string text;
        text.reserve(out.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            text.push_back(out[i] == '\r' ? '\n' : out[i]);
            if (out[i] == '\r' && i + 1 < out.size() && out[i + 1] == '\n') ++i;
        }
        return text;
    }
    check_size(size);
    if (f.binary) {
        out.resize(static_cast<std::size_t>(size));
        out.resize(std::fread(out.data(), 1, out.size(), f.fp));
        return out;
    }
    for (std::int64_t chars = 0; chars < size && read_char(f, out) != EOF; ++chars) {
    }
    return out;
}

// One line with its "\n" ("" at the end); at most `limit` characters (bytes) when limit >= 0.
std::string read_line(File& f, std::int64_t limit = -1) {
    std::string out;
    for (std::int64_t count = 0; limit < 0 || count < limit; ++count) {
        int c = read_char(f, out);
        if (c == EOF || c == '\n') break;
    }
    return out;
}

std::int64_t size_arg(const Value* a, std::size_t n, std::size_t at) {
    if (n <= at || a[at].is_none()) return -1;
    return as_integer(a[at]);
}

// The file of read/readline/readlines(size=-1): open and readable.
File& reader(const char* method, const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs(method, kw);
    check_args(method, n - 1, 0, 1);
    File& f = open_file(a, n, method);
    check_readable(f);
    return f;
}

Value m_read(const Value* a, std::size_t n, const Tuple* kw) {
    File& f = reader("read", a, n, kw);
    return result(f, read_bytes(f, size_arg(a, n, 1)));
}

Value m_readline(const Value* a, std::size_t n, const Tuple* kw) {
    File& f = reader("readline", a, n, kw);
    return result(f, read_line(f, size_arg(a, n, 1)));
}

Value m_readlines(const Value* a, std::size_t n, const Tuple* kw) {
    File& f = reader("readlines", a, n, kw);
    std::int64_t hint = size_arg(a, n, 1);
    std::vector<Value> lines;
    std::int64_t total = 0;
    for (std::string line; !(line = read_line(f)).empty();) {
        total += static_cast<std::int64_t>(line.size());
        lines.push_back(result(f, std::move(line)));
        if (hint > 0 && total >= hint) break;
    }
    return new_list(std::move(lines));
}

// A file is its own iterator over lines; iter() of a closed one raises.
Value m_iter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("__iter__", kw);
    check_args("__iter__", n - 1, 0, 0);
    open_file(a, n, "__iter__");
    return a[0];
}

Value m_next(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("__next__", kw);
    check_args("__next__", n - 1, 0, 0);
    File& f = open_file(a, n, "__next__");
    check_readable(f);
    std::string line = read_line(f);
    if (line.empty()) raise(new_exception(exc::StopIteration, {}));
    return result(f, std::move(line));
}

// ---- writing ----

Value m_write(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("write", kw);
    check_args("write", n - 1, 1, 1);
    File& f = open_file(a, n, "write");
    if (!f.writable) unsupported(f.binary ? "write" : "not writable");
    const std::string* data;
    std::int64_t count;
    if (f.binary) {
        if (!is(a[1], Kind::bytes)) raise(exc::TypeError, "a bytes-like object is required, not '" + type_name(a[1]) + "'");
        data = &a[1].as<Bytes>()->s;
        count = static_cast<std::int64_t>(data->size());
    } else {
        if (!is(a[1], Kind::str)) raise(exc::TypeError, "write() argument must be str, not " + type_name(a[1]));
        data = &a[1].as<Str>()->s;
        count = a[1].as<Str>()->length;
    }
    std::string encoded;  // what a str's code points are in the file's encoding (ASCII: the same)
    if (!f.binary && !a[1].as<Str>()->ascii()) {
        encoded = encode_str(*data, f.text_codec, f.errors);
        data = &encoded;
    }
    std::string translated;
    if (!f.binary && f.newline_out != "\n" && data->find('\n') != std::string::npos) {
        for (char c : *data) {
            if (c == '\n') translated += f.newline_out;
            else translated += c;
        }
        data = &translated;
    }
    if (std::fwrite(data->data(), 1, data->size(), f.fp) != data->size()) raise_os_error(errno, Value());
    return Value::integer(count);
}

Value m_writelines(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("writelines", kw);
    check_args("writelines", n - 1, 1, 1);
    open_file(a, n, "writelines");
    for_each(a[1], [&](const Value& line) {
        Value args[] = {a[0], line};
        m_write(args, 2, nullptr);
    });
    return Value();
}

Value m_flush(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("flush", kw);
    check_args("flush", n - 1, 0, 0);
    File& f = open_file(a, n, "flush");
    if (std::fflush(f.fp) != 0) raise_os_error(errno, Value());
    return Value();
}

// ---- the rest of the protocol ----

Value m_close(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("close", kw);
    check_args("close", n - 1, 0, 0);
    File& f = self_file(a, n, "close");
    if (f.fp) {
        std::FILE* fp = std::exchange(f.fp, nullptr);
        if (std::fclose(fp) != 0) raise_os_error(errno, Value());
    }
    return Value();
}

Value m_seek(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("seek", kw);
    check_args("seek", n - 1, 1, 2);
    File& f = open_file(a, n, "seek");
    std::int64_t offset = as_integer(a[1]);
    std::int64_t whence = n > 2 ? as_integer(a[2]) : 0;
    if (whence < 0 || whence > 2) raise(exc::ValueError, "invalid whence (" + std::to_string(whence) + ", should be 0, 1 or 2)");
    if (!f.binary && whence != 0 && offset != 0) unsupported(whence == 1 ? "can't do nonzero cur-relative seeks" : "can't do nonzero end-relative seeks");
    if (offset < 0 && whence == 0) raise(exc::ValueError, "negative seek position " + std::to_string(offset));
    if (std::fseek(f.fp, static_cast<long>(offset), whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END) != 0)
        raise_os_error(errno, Value());
    return Value::integer(std::ftell(f.fp));
}

Value m_tell(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("tell", kw);
    check_args("tell", n - 1, 0, 0);
    return Value::integer(std::ftell(open_file(a, n, "tell").fp));
}

Value m_enter(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("__enter__", kw);
    check_args("__enter__", n - 1, 0, 0);
    open_file(a, n, "__enter__");
    return a[0];
}

Value m_exit(const Value* a, std::size_t n, const Tuple*) {
    m_close(a, 1, nullptr);
    (void)n;
    return Value();
}

Value m_readable(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("readable", kw);
    return Value::boolean(open_file(a, n, "readable").readable);
}
Value m_writable(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("writable", kw);
    return Value::boolean(open_file(a, n, "writable").writable);
}
Value m_seekable(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("seekable", kw);
    open_file(a, n, "seekable");
    return Value::boolean(true);
}

Value g_name(const Value* a, std::size_t n, const Tuple*) { return self_file(a, n, "name").name; }
Value g_mode(const Value* a, std::size_t n, const Tuple*) { return new_str(self_file(a, n, "mode").mode); }
Value g_closed(const Value* a, std::size_t n, const Tuple*) { return Value::boolean(!self_file(a, n, "closed").fp); }
Value g_encoding(const Value* a, std::size_t n, const Tuple*) {
    File& f = self_file(a, n, "encoding");
    if (f.binary) raise(exc::AttributeError, "'_io." + type_name(a[0]) + "' object has no attribute 'encoding'");
    return new_str(f.encoding);
}

Value m_repr(const Value* a, std::size_t n, const Tuple*) {
    File& f = self_file(a, n, "__repr__");
    std::string out = "<_io." + f.type->name + " name=" + repr(f.name);
    if (!f.binary) out += " mode=" + repr(new_str(f.mode)) + " encoding=" + repr(new_str(f.encoding));
    return new_str(out + ">");
}

// ---- open() ----

struct Mode {
    bool read = false, write = false, append = false, create = false, update = false, binary = false, text = false;
};

Mode parse_mode(const std::string& mode) {
    Mode m;
    for (char c : mode) {
        bool* flag = c == 'r' ? &m.read : c == 'w' ? &m.write : c == 'a' ? &m.append : c == 'x' ? &m.create
                   : c == '+' ? &m.update : c == 'b' ? &m.binary : c == 't' ? &m.text : nullptr;
        if (!flag || *flag) raise(exc::ValueError, "invalid mode: '" + mode + "'");
        *flag = true;
    }
    if (m.binary && m.text) raise(exc::ValueError, "can't have text and binary mode at once");
    if (m.read + m.write + m.append + m.create != 1)
        raise(exc::ValueError, "must have exactly one of create/read/write/append mode");
    return m;
}

Value b_open(const Value* a, std::size_t n, const Tuple* kw) {
    const std::vector<Value> arg = bind_args("open", a, n, kw,
        {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1);
    const Value& file = arg[0];
    if (!is(file, Kind::str)) {
        if (file.is_intlike())
            raise(exc::OSError, "open(): file descriptors are not supported by aio's Python (open a path)");
        raise(exc::TypeError, "expected str, bytes or os.PathLike object, not " + type_name(file));
    }
    std::string mode = !arg[1].is_none() ? str_arg(arg[1], "open", "mode") : "r";
    Mode m = parse_mode(mode);
    if (m.binary && !arg[3].is_none()) raise(exc::ValueError, "binary mode doesn't take an encoding argument");
    if (m.binary && !arg[4].is_none()) raise(exc::ValueError, "binary mode doesn't take an errors argument");
    if (m.binary && !arg[5].is_none()) raise(exc::ValueError, "binary mode doesn't take a newline argument");
    std::string encoding = "UTF-8";
    if (!arg[3].is_none()) encoding = str_arg(arg[3], "open", "encoding");
    const codec text_codec = find_codec(encoding);
    const std::string errors = arg[4].is_none() ? "strict" : str_arg(arg[4], "open", "errors");
    const Value& newline = arg[5];
    if (!newline.is_none()) {
        std::string nl = str_arg(newline, "open", "newline");
        if (nl != "" && nl != "\n" && nl != "\r" && nl != "\r\n") raise(exc::ValueError, "illegal newline value: " + nl);
    }
    const std::string& path = file.as<Str>()->s;
    if (path.find('\0') != std::string::npos) raise(exc::ValueError, "embedded null byte");
    std::string how = m.read ? "r" : m.write ? "w" : m.append ? "a" : "w";
    if (m.update) how += "+";
    how += "b";
    if (m.create) how += "x";  // glibc and musl: O_EXCL
    errno = 0;
    std::FILE* fp = std::fopen(path.c_str(), how.c_str());
    if (!fp) raise_os_error(errno ? errno : EIO, file);
    struct stat st {};
    if (::fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        std::fclose(fp);
        raise_os_error(EISDIR, file);
    }
    Type* type = !m.binary ? &text_io_type : m.update ? &buffered_random_type
               : m.read ? &buffered_reader_type : &buffered_writer_type;
    auto* f = new File(type, fp);
    Value result(f);
    f->name = file;
    f->mode = mode;
    f->encoding = encoding;
    f->text_codec = text_codec;
    f->errors = errors;
    f->binary = m.binary;
    f->translate = newline.is_none();
    if (!newline.is_none() && !newline.as<Str>()->s.empty()) f->newline_out = newline.as<Str>()->s;
    f->readable = m.read || m.update;
    f->writable = !m.read || m.update;
    return result;
}

}  // namespace

void init_open(Dict& ns) {
    if (!text_io_type.dict.count("read")) {
        unsupported_operation_type.module = "io";
        unsupported_operation_type.also = &exc::ValueError;
        for (Type* t : {&text_io_type, &buffered_reader_type, &buffered_writer_type, &buffered_random_type}) {
            t->module = "_io";
            def_method(*t, "__iter__", m_iter);
            def_method(*t, "__next__", m_next);
            def_method(*t, "read", m_read);
            def_method(*t, "readline", m_readline);
            def_method(*t, "readlines", m_readlines);
            def_method(*t, "write", m_write);
            def_method(*t, "writelines", m_writelines);
            def_method(*t, "flush", m_flush);
            def_method(*t, "close", m_close);
            def_method(*t, "seek", m_seek);
            def_method(*t, "tell", m_tell);
            def_method(*t, "readable", m_readable);
            def_method(*t, "writable", m_writable);
            def_method(*t, "seekable", m_seekable);
            def_method(*t, "__enter__", m_enter);
            def_method(*t, "__exit__", m_exit);
            def_method(*t, "__repr__", m_repr);
            def_getter(*t, "name", g_name);
            def_getter(*t, "mode", g_mode);
            def_getter(*t, "closed", g_closed);
            def_getter(*t, "encoding", g_encoding);
        }
    }
    define(ns, "open", b_open);
}

// The io module: open and its classes by name (no StringIO/BytesIO).
void init_io(Dict& ns) {
    init_open(ns);
    define(ns, "UnsupportedOperation", Value(&unsupported_operation_type));
    for (Type* t : {&text_io_type, &buffered_reader_type, &buffered_writer_type, &buffered_random_type})
        define(ns, t->name.c_str(), Value(t));
}

}  // namespace aio::py
