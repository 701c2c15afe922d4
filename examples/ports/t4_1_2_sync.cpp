// 004 §1.2 同步 (examples/python/t4_1_2_sync.py): two blocking calls in sequence, printing nothing.
// time.sleep blocks: so does std::this_thread::sleep_for (no event loop here, so this program takes
// its 4 real seconds on any clock).
#include <chrono>
#include <string>
#include <thread>

std::string task1() {
    std::this_thread::sleep_for(std::chrono::seconds(2));  // time.sleep(2)  # 模拟 I/O 操作
    return "Task 1 完成";
}

std::string task2() {
    std::this_thread::sleep_for(std::chrono::seconds(2));  // time.sleep(2)  # 模拟 I/O 操作
    return "Task 2 完成";
}

int main() {
    // 串行执行,总共需要 4 秒
    std::string result1 = task1();
    std::string result2 = task2();
}
