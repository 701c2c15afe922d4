# Assignment and del targets carry their own underline; an expression going on past its line is
# underlined to the line's end. Each error happens while handling the previous one, so the
# uncaught one prints them all.
counts = {}
point = 1
try:
    counts["k"] += 1
except KeyError:
    try:
        point.x = 2
    except AttributeError:
        try:
            del counts["missing"]
        except KeyError:
            try:
                first, second = [1, 2, 3]
            except ValueError:
                try:
                    for key, value in ["abc"]:
                        pass
                except ValueError:
                    try:
                        total = (point +
                                 "s")
                    except TypeError:
                        cells = []
                        cells[0], point = 1, 2
