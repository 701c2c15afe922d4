# A failing subscript: the value underlined with ~, the index with ^.
config = {"db": {"host": "x"}}
host = config["db"]["host"]
print(host)
port = config["db"]["port"] + 1
