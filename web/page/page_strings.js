// Page-only UI text (the widget never imports this file, so it stays out of the widget's
// download budget): counted nouns, the Chinese help of every example parameter, message parts.
// The catalog's own help (C++ registration) is the English text.

// "1 task" / "2 tasks" / "2 个任务".
const NOUNS = {
  en: { task: ['task', 'tasks'], line: ['output line', 'output lines'] },
  zh: { task: '个任务', line: '行输出' },
};
export function counted(lang, n, noun) {
  if (lang === 'zh') return `${n} ${NOUNS.zh[noun]}`;
  const [one, many] = NOUNS.en[noun];
  return `${n} ${n === 1 ? one : many}`;
}

export const PAGE_STRINGS = {
  en: { at: (line, col) => `line ${line}, column ${col}`,
    line: (line) => `line ${line}`, runPython: 'Run Python', virtualClock: 'virtual clock',
    record: { label: 'Real responses', off: 'network only', record: 'record, replay offline', replay: 'replay only',
      help: 'Real HTTP responses (this page\'s server, allowed origins; not the simulated network): "record" keeps each one in this browser\'s IndexedDB and answers from it when the network fails; "replay" answers only from what was recorded (a request never recorded fails as a connection error). A replayed response is labelled in the console.' },
    threads: { label: 'Threads', real: 'real (Web Workers)', simulated: 'simulated (the build without threads)',
      useReal: 'use real threads (reloads; every run ≈ 2× slower)', useSimulated: 'use the faster build (reloads)' },
    covers: 'Tutorial sections', note: 'Note', hiddenLines: (n) => `… ${n} earlier lines not shown (the console keeps the last lines)`,
    shares: { example: 'the example and its parameters', recipe: 'the recipe', python: 'the Python program' },
    openedPython: 'A shared Python program is in the Python box: read it, then Run Python',
    snippets: { title: 'The tutorial\'s snippets behind this example', python: 'Python → Python box',
      port: 'C++ port', hide: 'Hide C++', noPort: 'no C++ port (examples/ports/README.md says why)',
      portNote: 'The same snippet in C++ with aio: a plain program that compiles on its own (examples/ports/).',
      failed: (file, status) => `could not load ${file} (${status})` } },
  zh: { at: (line, col) => `第 ${line} 行第 ${col} 列`,
    line: (line) => `第 ${line} 行`, runPython: '运行 Python', virtualClock: '虚拟时钟',
    record: { label: '真实响应', off: '仅走网络', record: '录制，离线时回放', replay: '仅回放',
      help: '真实的 HTTP 响应（本页服务器与允许的来源；不含模拟网络）：“录制”把每个响应保存在本浏览器的 IndexedDB 中，网络失败时用它回答；“仅回放”只用已录制的响应回答（从未录制过的请求按连接错误失败）。回放的响应会在控制台中标明。' },
    threads: { label: '线程', real: '真实线程（Web Worker）', simulated: '模拟线程（无线程版本）',
      useReal: '改用真实线程（重新加载；每次运行约慢一倍）', useSimulated: '改用更快的版本（重新加载）' },
    covers: '对应教程章节', note: '说明', hiddenLines: (n) => `… 前 ${n} 行未显示（控制台只保留最后的若干行）`,
    shares: { example: '分享的是示例及其参数', recipe: '分享的是配方', python: '分享的是 Python 程序' },
    openedPython: '分享的 Python 程序已放入 Python 编辑框：看过后点“运行 Python”',
    snippets: { title: '本示例对应的教程代码片段', python: 'Python → 放入 Python 编辑框',
      port: 'C++ 移植', hide: '收起 C++', noPort: '没有 C++ 移植（原因见 examples/ports/README.md）',
      portNote: '用 aio 写的同一片段：可以单独编译的普通 C++ 程序（examples/ports/）。',
      failed: (file, status) => `无法加载 ${file}（${status}）` } },
};

// Chinese help of each example parameter, by "example.parameter" (a browser test checks every
// parameter of the catalog has one).
export const PARAM_HELP_ZH = {
  'as_completed.delays': '每个 fetch 所需的秒数，用逗号分隔',
  'async_with_for.resource_seconds': '__aenter__ 和 __aexit__ 各自 await 的秒数',
  'async_with_for.use_seconds': '主体使用资源的秒数',
  'async_with_for.count': 'AsyncCounter 和 async_generator 产生的项数',
  'async_with_for.step': '每一项之前等待的秒数',
  'coroutines.delay': 'my_coroutine 休眠的秒数（asyncio.sleep(1)）',
  'database.path': '数据库（本地和 Node 中是日志文件，浏览器中是 IndexedDB）',
  'errors.fail_after': '失败的任务抛出异常前的秒数',
  'errors.succeed_after': 'task2 成功所需的秒数',
  'event_loop.delay1': 'task1 休眠的秒数',
  'event_loop.delay2': 'task2 休眠的秒数',
  'event_loop.steps': 'task3 完成前让出控制的次数',
  'files.dir': 'file1.txt..file3.txt 所在的目录（不存在则创建）',
  'future.delay': '设置结果前等待的秒数',
  'gather.first': '第一个任务休眠的秒数',
  'gather.second': '第二个任务休眠的秒数',
  'gather.third': '第三个任务休眠的秒数',
  'gather.count': '第二个 gather 中的任务数（任务 i 休眠 i 秒）',
  'http.base_url': '演示服务器（node tools/demo_server.mjs）',
  'http.timeout': '每次尝试最多的秒数（ClientTimeout(total=10)）',
  'http.tries': '每个 URL 变成错误条目前的尝试次数',
  'http.pause': '两次尝试之间的秒数',
  'http.slow_ms': '服务器响应 /delay 所需的毫秒数',
  'nested_sync_async.blocking': '阻塞任务所需的秒数（sleep(5)）',
  'pitfalls.blocking': '阻塞式 sleep 的秒数（time.sleep(5)）',
  'producer_consumer.items': '生产者生产的项数',
  'producer_consumer.maxsize': '队列的容量',
  'producer_consumer.seed': '随机数的种子',
  'run_vs_loop.delay': 'hello() 在 Hello 和 World 之间休眠的秒数',
  'semaphore.limit': '信号量的许可数',
  'semaphore.tasks': '争用许可的任务数',
  'semaphore.seconds': '每个任务持有许可的秒数',
  'sync_vs_async.seconds': '每次等待的秒数',
  'sync_vs_async.count': '第二次比较中的等待次数',
  'tasks.delay_a': '任务 A 休眠的秒数',
  'tasks.delay_b': '任务 B 休眠的秒数',
  'tasks.cancel_after': '任务 C（10 秒）被取消前的秒数',
  'timeout.task_seconds': '长任务所需的秒数',
  'timeout.timeout': '超时期限（秒）',
  'timeout.fast_seconds': '能按时完成的任务所需的秒数',
  'to_thread.blocking': '每个阻塞调用所需的秒数（time.sleep）',
  'to_thread.max_workers': '自定义线程池中的线程数',
  'wait.first': '第一个任务休眠的秒数',
  'wait.second': '第二个任务休眠的秒数',
  'wait.third': '第三个任务休眠的秒数',
};

// Chinese of each example's catalog note, by example id (the catalog's note is the English text;
// tests/browser/tutorial_notes.test.mjs checks every note has one). Several flag the tutorials'
// mistakes where the learner reads the example.
export const NOTE_ZH = {
  run_vs_loop: '教程 000 §2.2 在同一个脚本里先 asyncio.run(main())，再调用 asyncio.get_event_loop()；在 Python 3.11 上这会抛出 RuntimeError: There is no current event loop in thread \'MainThread\'（asyncio.run 结束后不留下当前事件循环）。手动管理循环请用 asyncio.new_event_loop() 创建，在协程内部则用 asyncio.get_running_loop()。',
  errors: '教程 001 说 gather 中一个任务失败时会取消其他任务；asyncio 并不会（aio 也不会）：示例显示另一个任务仍在运行。',
  wait: '教程把协程直接传给 wait()，第二次调用时又重复使用它们；Python 3.11+ 要求传入任务，而且一个协程只能运行一次，所以示例每次都新建任务。',
  sync_vs_async: '001 的 sync_demo.py / async_demo.py 在教程中第一行之后就被截断了；示例根据留下的那行输出把它们重建出来（fetch_url / read_file，并计时）。教程 004 §1.2 的异步版本在脚本顶层写了 `results = await asyncio.gather(task1(), task2())`，Python 不接受（SyntaxError: \'await\' outside function）：await 只能写在 async def 里，再由 asyncio.run(main()) 运行。',
  to_thread: '阻塞的 HTTP 调用（requests.get）暂时用阻塞式 sleep 代替，直到示例用上运行时自带的 HTTP 客户端。教程 000 §3.2 说默认线程池有“CPU 核心数 × 5”个线程；那是 Python 3.5–3.7 的做法：从 3.8 起 ThreadPoolExecutor() 有 min(32, os.cpu_count() + 4) 个工作线程，asyncio 的默认执行器就是这样的线程池。',
  nested_sync_async: '教程 3.2 把 sync_caller()（一次调用，在事件循环线程上执行）而不是 sync_caller 传给 to_thread，还写了 `from time.sleep`；示例解释了这两处错误并给出正确写法。',
  event_loop: '教程 003 建议换用 uvloop 以获得更好的性能。aio 有自己的事件循环（C++ 实现，既不是 asyncio 的也不是 libuv 的），所以没有什么可换的：它与 CPython asyncio 的性能比较见 tools/README.md 的基准测试表（“Latest figures”）。',
};

// Search words the catalog does not contain: the tutorial's advice to swap in uvloop is answered
// by the event-loop example (aio runs its own loop; README's benchmark table compares it).
export const SEARCH_EXTRA = { event_loop: 'uvloop' };
