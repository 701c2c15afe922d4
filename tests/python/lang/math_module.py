# The math module's common functions, with CPython's results and errors. Transcendental results
# are rounded to 12 digits: wasm's libm may differ from glibc's in the last bit.
import math


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)


show('constants', lambda: (math.pi, math.e, math.tau, math.inf, math.nan))
show('sqrt', lambda: (math.sqrt(2), math.sqrt(16), math.sqrt(True)))
show('sqrt(-1)', lambda: math.sqrt(-1))
show('sqrt(str)', lambda: math.sqrt('x'))
show('sqrt()', lambda: math.sqrt())
show('floor ceil trunc', lambda: (math.floor(2.7), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.floor(5), math.floor(True)))
show('floor(inf)', lambda: math.floor(math.inf))
show('ceil(nan)', lambda: math.ceil(math.nan))
show('floor(1, 2)', lambda: math.floor(1, 2))
show('log', lambda: [round(x, 12) for x in (math.log(1), math.log(8, 2), math.log2(1024), math.log10(1000), math.log(math.e))])
show('log(0)', lambda: math.log(0))
show('log(-1)', lambda: math.log(-1))
show('log2(0)', lambda: math.log2(0))
show('log(8, 1)', lambda: math.log(8, 1))
show('exp', lambda: (math.exp(0), round(math.exp(1), 12)))
show('exp(1000)', lambda: math.exp(1000))
show('pow', lambda: (math.pow(2, 10), round(math.pow(2, 0.5), 12), math.pow(0, 0)))
show('pow(0, -1)', lambda: math.pow(0, -1))
show('pow(10, 400)', lambda: math.pow(10, 400))
show('trig', lambda: [round(x, 12) for x in (math.sin(0), math.cos(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180), math.tan(1), math.asin(1), math.acos(0), math.atan(1))])
show('hypot fabs copysign fmod', lambda: (math.hypot(3, 4), math.fabs(-2), math.copysign(3, -0.0), math.fmod(7, 3)))
show('fmod(1, 0)', lambda: math.fmod(1, 0))
show('factorial', lambda: (math.factorial(0), math.factorial(10), math.factorial(20)))
show('factorial(-1)', lambda: math.factorial(-1))
show('factorial(2.5)', lambda: math.factorial(2.5))
show('gcd', lambda: (math.gcd(12, 18), math.gcd(12, 18, 8), math.gcd(), math.gcd(-4, 6)))
show('isclose', lambda: (math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10, abs_tol=1e-9)))
show('isclose(-tol)', lambda: math.isclose(1, 1, rel_tol=-1))
show('predicates', lambda: (math.isfinite(1), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1)))
