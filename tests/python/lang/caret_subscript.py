# A failing subscript: the value underlined with ~, from the '[' to the ']' with ^.
config = {"db": {"host": "x"}}
host = config["db"]["host"]
print(host)
try:
    port = config["db"]["port"] + 1
except KeyError:
    port = (config) ["db"] [ "port" ]
