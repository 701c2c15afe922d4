try:
    risky()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    print(e)
except Exception as exc:
    raise RuntimeError("wrapped") from exc
except:
    raise
else:
    ok()
finally:
    cleanup()

try:
    pass
finally:
    pass

try:
    async_thing()
except* ValueError as eg:
    print(eg.exceptions)
except* (TypeError, KeyError):
    pass

raise
raise ValueError
raise ValueError("x") from None
