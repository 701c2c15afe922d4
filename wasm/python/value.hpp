// Value: the one representation of a Python value, 16 bytes, passed by value.
// None, bool, int (64-bit) and float live inline (no allocation); everything else is a heap
// Object with an intrusive reference count and a type pointer.
#pragma once

#include <cstdint>
#include <utility>

namespace aio::py {

struct Type;
class Value;

// Heap objects. Refcounting only: reference cycles (a list that contains itself) are not
// collected yet and leak until a cycle collector exists.
struct Object {
    std::uint32_t refs = 0;
    Type* type;
    explicit Object(Type* t) noexcept : type(t) {}
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    virtual ~Object() = default;
    // Where a builtin value that may have instance attributes keeps them (an int subclass's
    // BoxedNumber, a class statement's list/dict/set subclass): None until the first, then a dict.
    virtual Value* attr_slot() noexcept { return nullptr; }
};

inline void incref(Object* o) noexcept { ++o->refs; }
inline void decref(Object* o) noexcept {
    if (--o->refs == 0) delete o;
}

enum class Tag : std::uint8_t { none, boolean, integer, real, object };

class Value {
public:
    Value() noexcept : i_(0), tag_(Tag::none) {}
    // Adopts a share of o (objects are born with refs == 0).
    Value(Object* o) noexcept : i_(0), tag_(Tag::object) {
        o_ = o;
        incref(o);
    }

    static Value none() noexcept { return Value(); }
    static Value boolean(bool b) noexcept { return Value(Tag::boolean, b ? 1 : 0); }
    static Value integer(std::int64_t i) noexcept { return Value(Tag::integer, i); }
    static Value real(double d) noexcept {
        Value v;
        v.tag_ = Tag::real;
        v.f_ = d;
        return v;
    }

    Value(const Value& v) noexcept : i_(v.i_), tag_(v.tag_) {
        if (tag_ == Tag::object) incref(o_);
    }
    Value(Value&& v) noexcept : i_(v.i_), tag_(v.tag_) { v.tag_ = Tag::none; }
    Value& operator=(const Value& v) noexcept {
        Value tmp(v);
        swap(tmp);
        return *this;
    }
    Value& operator=(Value&& v) noexcept {
        Value tmp(std::move(v));
        swap(tmp);
        return *this;
    }
    ~Value() {
        if (tag_ == Tag::object) decref(o_);
    }
    void swap(Value& v) noexcept {
        std::swap(i_, v.i_);
        std::swap(tag_, v.tag_);
    }

    Tag tag() const noexcept { return tag_; }
    bool is_none() const noexcept { return tag_ == Tag::none; }
    bool is_bool() const noexcept { return tag_ == Tag::boolean; }
    bool is_int() const noexcept { return tag_ == Tag::integer; }
    // int or bool (bool is a subclass of int)
    bool is_intlike() const noexcept { return tag_ == Tag::integer || tag_ == Tag::boolean; }
    bool is_float() const noexcept { return tag_ == Tag::real; }
    bool is_object() const noexcept { return tag_ == Tag::object; }

    bool as_bool() const noexcept { return i_ != 0; }
    std::int64_t as_int() const noexcept { return i_; }  // valid for int and bool
    double as_float() const noexcept { return f_; }
    Object* obj() const noexcept { return o_; }
    template <class T> T* as() const noexcept { return static_cast<T*>(o_); }

    // Python's `is`.
    bool is(const Value& v) const noexcept {
        if (tag_ != v.tag_) return false;
        if (tag_ == Tag::real) return f_ == v.f_;
        if (tag_ == Tag::object) return o_ == v.o_;
        return tag_ == Tag::none || i_ == v.i_;
    }

private:
    Value(Tag t, std::int64_t i) noexcept : i_(i), tag_(t) {}
    union {
        std::int64_t i_;
        double f_;
        Object* o_;
    };
    Tag tag_;
};

static_assert(sizeof(Value) == 16);

}  // namespace aio::py
