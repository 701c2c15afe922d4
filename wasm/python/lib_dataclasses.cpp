// dataclasses for aio's Python, written in Python: @dataclass reads the class's __annotations__
// and adds __init__, __repr__, __eq__, the order methods, __hash__ and frozen's __setattr__, as
// CPython's does; field(), fields(), asdict(), astuple(), replace(), is_dataclass().
// __init__ and frozen's __setattr__/__delattr__ are generated source exec()'d, as CPython's
// (their frames show as "<string>"); the other methods are closures with the same behaviour.
// Not here: InitVar, slots=True, weakref_slot (TypeError, said plainly). frames_hidden: a
// traceback shows the generated "<string>" frames, not this module's.

namespace aio::py {

extern const char* const dataclasses_source;

const char* const dataclasses_source = R"py("""dataclasses: classes with generated __init__, __repr__, __eq__ (aio's Python)."""

__all__ = ["dataclass", "field", "Field", "FrozenInstanceError", "MISSING", "KW_ONLY", "fields",
           "asdict", "astuple", "replace", "is_dataclass"]


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return "<dataclasses._MISSING_TYPE object>"


MISSING = _MissingType()


class _KwOnlyType:
    def __repr__(self):
        return "<dataclasses._KW_ONLY_TYPE object>"


KW_ONLY = _KwOnlyType()


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._classvar = False

    def __repr__(self):
        return ("Field(name=" + repr(self.name) + ",type=" + repr(self.type) + ",default=" + repr(self.default)
                + ",default_factory=" + repr(self.default_factory) + ",init=" + repr(self.init)
                + ",repr=" + repr(self.repr) + ",hash=" + repr(self.hash) + ",compare=" + repr(self.compare)
                + ",metadata=mappingproxy(" + repr(self.metadata) + ")" + ",kw_only=" + repr(self.kw_only)
                + ",_field_type=" + ("_FIELD_CLASSVAR" if self._classvar else "_FIELD") + ")")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    # typing.ClassVar itself or a subscripted one (the front-end's aliases keep no __origin__);
    # under `from __future__ import annotations` a string naming it: "ClassVar[...]" or
    # "typing.ClassVar[...]" (CPython also checks what the name means in the class's module).
    import typing
    if isinstance(annotation, str):
        head = annotation.strip().split("[", 1)[0].strip()
        return head in ("ClassVar", "typing.ClassVar")
    return annotation is typing.ClassVar or repr(annotation).startswith("typing.ClassVar[")


def _make_field(cls, name, annotation, kw_only):
    default = cls.__dict__.get(name, MISSING)
    f = default if isinstance(default, Field) else field(default=default)
    f.name = name
    f.type = annotation
    if _is_classvar(annotation):
        f._classvar = True
        if f.default_factory is not MISSING:
            raise TypeError("field " + name + " cannot have a default factory")
        return f
    if f.kw_only is MISSING:
        f.kw_only = kw_only
    if f.default is not MISSING and type(f.default).__hash__ is None:
        raise ValueError("mutable default " + repr(type(f.default)) + " for field " + name
                         + " is not allowed: use default_factory")
    return f


class _HasDefaultFactory:
    def __repr__(self):
        return "<factory>"


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


def _make_init(cls, instance_fields, has_post_init, frozen):
    # As CPython: a def whose parameters are the fields, so a bad call raises the VM's own
    # argument errors; its globals hold the defaults.
    self_name = "__dataclass_self__" if "self" in [f.name for f in instance_fields] else "self"
    names = {"__dataclass_HAS_DEFAULT_FACTORY__": _HAS_DEFAULT_FACTORY, "__dataclass_builtins_object__": object}
    positional, keyword_only, body = [], [], []
    for f in instance_fields:
        default_name = "__dataclass_dflt_" + f.name + "__"
        factory = f.default_factory is not MISSING
        if factory:
            names[default_name] = f.default_factory
        elif f.default is not MISSING:
            names[default_name] = f.default
        if f.init:
            default = ("=__dataclass_HAS_DEFAULT_FACTORY__" if factory
                       else "=" + default_name if f.default is not MISSING else "")
            (keyword_only if f.kw_only else positional).append(f.name + default)
            value = (default_name + "() if " + f.name + " is __dataclass_HAS_DEFAULT_FACTORY__ else " + f.name
                     if factory else f.name)
        elif factory:
            value = default_name + "()"
        else:
            continue  # init=False without a factory: the class attribute, if any
        if frozen:
            body.append("__dataclass_builtins_object__.__setattr__(" + self_name + ", " + repr(f.name) + ", "
                        + value + ")")
        else:
            body.append(self_name + "." + f.name + " = " + value)
    if has_post_init:
        body.append(self_name + ".__post_init__()")
    params = [self_name] + positional + (["*"] + keyword_only if keyword_only else [])
    return _create_fn(cls, "__init__", params, body, names)


def _create_fn(cls, name, params, body, names):
    # CPython's way: the def's source exec'd with `names` as its globals, named as the class's
    # method. Line 1 is left blank: CPython's def sits on line 2 (inside a __create_fn__
    # wrapper), and a traceback through it shows its line numbers. The function is popped from
    # its globals, so no function <-> globals cycle is left (no cycle collector).
    source = ("\ndef " + name + "(" + ", ".join(params) + "):\n"
              + "".join("    " + line + "\n" for line in body or ["pass"]))
    exec(source, names)
    fn = names.pop(name)
    fn.__qualname__ = cls.__qualname__ + "." + name
    return fn


_repr_running = set()


def _make_repr(repr_fields):
    def __repr__(self):
        # reprlib.recursive_repr's guard: an instance inside itself is "...".
        if id(self) in _repr_running:
            return "..."
        _repr_running.add(id(self))
        try:
            return (self.__class__.__qualname__ + "("
                    + ", ".join(f.name + "=" + repr(getattr(self, f.name)) for f in repr_fields) + ")")
        finally:
            _repr_running.discard(id(self))
    return __repr__


def _values(fields_):
    return lambda self: tuple(getattr(self, f.name) for f in fields_)


def _make_compare(name, values, test):
    def method(self, other):
        if other.__class__ is self.__class__:
            return test(values(self), values(other))
        return NotImplemented
    method.__name__ = name
    return method


def _owner(self, cls_id):
    for c in type(self).__mro__:
        if id(c) == cls_id:
            return c


# The methods a class gets hold no reference to it: the front-end frees by reference counts
# alone, so a class -> method -> class cycle would never be freed. Frozen's methods know their
# class by id.
def _frozen_setattr(cls, field_names):
    names = {"__dataclass_cls_id__": id(cls), "__dataclass_fields__": field_names, "_owner": _owner,
             "FrozenInstanceError": FrozenInstanceError}
    condition = "if id(type(self)) == __dataclass_cls_id__ or name in __dataclass_fields__:"
    setattr_ = _create_fn(cls, "__setattr__", ["self", "name", "value"], [
        condition,
        '    raise FrozenInstanceError(f"cannot assign to field {name!r}")',
        "super(_owner(self, __dataclass_cls_id__), self).__setattr__(name, value)"], names)
    delattr_ = _create_fn(cls, "__delattr__", ["self", "name"], [
        condition,
        '    raise FrozenInstanceError(f"cannot delete field {name!r}")',
        "super(_owner(self, __dataclass_cls_id__), self).__delattr__(name)"], names)
    return setattr_, delattr_


def _set_new(cls, name, value):
    # Only what the class does not define itself (CPython's _set_new_attribute).
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


# The parameters are dataclass()'s, so `repr` here is the flag: names are quoted with f"{...!r}".
def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots, weakref_slot):
    if slots or weakref_slot:
        raise TypeError("dataclass(slots=True) is not supported by aio's Python")
    all_fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for base in cls.__mro__[-1:0:-1]:
        base_fields = base.__dict__.get("__dataclass_fields__")
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                all_fields[f.name] = f
            if base.__dataclass_params__["frozen"]:
                any_frozen_base = True

    own = []
    annotations = cls.__dict__.get("__annotations__", {})
    seen_kw_only = False
    for name, annotation in annotations.items():
        if annotation is KW_ONLY:
            if seen_kw_only:
                raise TypeError(f"{name!r} is KW_ONLY, but KW_ONLY has already been specified")
            seen_kw_only = True
            continue
        own.append(_make_field(cls, name, annotation, kw_only or seen_kw_only))
    for f in own:
        all_fields[f.name] = f
        default = cls.__dict__.get(f.name, MISSING)
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not any_frozen_base and frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")

    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = {"init": init, "repr": repr, "eq": eq, "order": order,
                                "unsafe_hash": unsafe_hash, "frozen": frozen}

    instance_fields = [f for f in all_fields.values() if not f._classvar]
    if init:
        init_fields = [f for f in instance_fields if f.init]
        seen_default = None
        for f in init_fields:
            if f.kw_only:
                continue
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = f
            elif seen_default is not None:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
        setattr(cls, "__init__", _make_init(cls, instance_fields, hasattr(cls, "__post_init__"), frozen))
    if repr:
        _set_new(cls, "__repr__", _make_repr([f for f in instance_fields if f.repr]))
    compared = _values([f for f in instance_fields if f.compare])
    if eq:
        _set_new(cls, "__eq__", _make_compare("__eq__", compared, lambda a, b: a == b))
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for name, test in (("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b),
                           ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)):
            if _set_new(cls, name, _make_compare(name, compared, test)):
                raise TypeError("Cannot overwrite attribute " + name + " in class " + cls.__name__
                                + ". Consider using functools.total_ordering")
    if frozen:
        setattr_, delattr_ = _frozen_setattr(cls, {f.name for f in instance_fields})
        for name, method in (("__setattr__", setattr_), ("__delattr__", delattr_)):
            if _set_new(cls, name, method):
                raise TypeError("Cannot overwrite attribute " + name + " in class " + cls.__name__)

    # __hash__ as CPython's table: by unsafe_hash, eq, frozen and an explicit __hash__.
    explicit_hash = "__hash__" in cls.__dict__ and not (cls.__dict__["__hash__"] is None and "__eq__" in cls.__dict__)
    hashed = _values([f for f in instance_fields if (f.compare if f.hash is None else f.hash)])
    if unsafe_hash:
        if explicit_hash:
            raise TypeError("Cannot overwrite attribute __hash__ in class " + cls.__name__)
        cls.__hash__ = lambda self: hash(hashed(self))
    elif eq and frozen:
        if not explicit_hash:
            cls.__hash__ = lambda self: hash(hashed(self))
    elif eq:
        if not explicit_hash:
            cls.__hash__ = None

    if match_args:
        _set_new(cls, "__match_args__", tuple(f.name for f in instance_fields if f.init and not f.kw_only))
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots,
                              weakref_slot)
    if cls is None:
        return wrap
    return wrap(cls)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def fields(class_or_instance):
    try:
        all_fields = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(f for f in all_fields.values() if not f._classvar)


def _copy(obj, factory):
    if is_dataclass(obj) and not isinstance(obj, type):
        return factory([(f.name, _copy(getattr(obj, f.name), factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_copy(v, factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_copy(v, factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_copy(k, factory), _copy(v, factory)) for k, v in obj.items())
    return obj


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return _copy(obj, dict_factory)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return _copy(obj, lambda pairs: tuple_factory(v for _, v in pairs))


def replace(obj, /, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("replace() should be called on dataclass instances")
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError("field " + f.name + " is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
)py";

}  // namespace aio::py
