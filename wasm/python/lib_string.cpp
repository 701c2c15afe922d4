// string for aio's Python, written in Python: the character-class constants and capwords.

namespace aio::py {

extern const char* const string_source;

const char* const string_source = R"py("""string: common string constants (aio's Python)."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits", "hexdigits",
           "octdigits", "printable", "punctuation", "whitespace"]

whitespace = " \t\n\r\v\f"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Each word capitalized, joined by sep (a space when None, after splitting on whitespace)."""
    return (sep or " ").join(word.capitalize() for word in s.split(sep))
)py";

}  // namespace aio::py
