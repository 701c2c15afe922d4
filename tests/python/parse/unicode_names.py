名字 = "世界"
数字 = 42
def 问候(名):
    return f"你好, {名}"
print(问候(名字), 数字)
café = "coffee"
π = 3.14159
Ωmega = π * 2
print("中文" + '日本語' + "한국어")
print('emoji 😀 and \U0001F600')
