// UI strings of the sandbox page and widget, English and Chinese. The default comes from
// navigator.language; the page's switch overrides it (kept in localStorage).

// The engine's own words inside its messages and wait labels (JSON types, resource kinds, what a
// task waits on), in Chinese. Only parameters that hold such a word are translated; the names of
// tasks, locks and queues never are. English is the engine's text.
const WORDS_ZH = {
  'an object': '对象', 'an array': '数组', 'a string': '字符串', 'a number': '数字', 'a boolean': '布尔值', nothing: '空',
  lock: '锁', semaphore: '信号量', event: '事件', condition: '条件变量', 'condition.relock': '条件变量（重新加锁）',
  barrier: '屏障', 'barrier.door': '屏障', task: '任务', store: '键值存储', file: '文件', ready: '就绪',
  sleep: '休眠', yield: '让出（sleep(0)）', thread: '线程', to_thread: 'to_thread 线程', host_io: '宿主 I/O',
  primitive: '同步原语', 'queue.get': '队列 get', 'queue.put': '队列 put', 'queue.join': '队列 join',
  'http fetch': 'HTTP 请求', 'http transfer': 'HTTP 请求', 'file io': '文件 I/O', indexeddb: 'IndexedDB',
  'js promise': 'JS Promise',
};
const WORD_PARAMS = new Set(['type', 'kind', 'what', 'value']);

// A message template ("must be {type}") filled with its parameters, the engine's words among them
// in `lang`; a parameter the template names but `params` lacks stays as written.
export function fillTemplate(template, params, lang) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const text = String(params[name]);
    return lang === 'zh' && WORD_PARAMS.has(name) ? WORDS_ZH[text] ?? text : text;
  });
}

// What a task waits on (the engine's wait.* messages), in Chinese: the deadlock report and the
// timeline's deadlocked lanes.
export const WAIT_MESSAGES_ZH = {
  'wait.queue_get': '队列 \'{name}\'（get）',
  'wait.queue_put': '队列 \'{name}\'（put）',
  'wait.resource': '{kind} \'{name}\'',
  'wait.ready': '无（已就绪）',
  'wait.task': '任务 \'{name}\'',
  'wait.other': '{what}',
};

// A timeline wait label ("sleep", "lock 'db'", "gather") in Chinese: the word, or the kind before
// a recipe's resource name.
function zhWaitLabel(label) {
  if (label in WORDS_ZH) return WORDS_ZH[label];
  const m = /^([\w.]+) ('.*')$/.exec(label);
  return m && m[1] in WORDS_ZH ? `${WORDS_ZH[m[1]]} ${m[2]}` : label;
}

export const STRINGS = {
  en: {
    title: 'aio sandbox', tagline: 'Python asyncio as C++20 coroutines, running in your browser',
    search: 'Search examples…', examples: 'Examples', recipe: 'Recipe', cpp: 'C++', python: 'Python (original)',
    params: 'Parameters', run: 'Run', pause: 'Pause', step: 'Step', resume: 'Resume', reset: 'Reset',
    speed: 'Speed', instant: 'instant (virtual time)', export: 'Export trace', share: 'Copy share link',
    copied: 'Link copied to the address bar', timeline: 'Timeline', loop: 'Event loop', console: 'Console',
    results: 'Results', ready: 'Ready queue', timers: 'Timer queue', io: 'Pending I/O', tick: 'Tick',
    time: 'Loop time', driver: 'Driven by', state: 'State', idle: 'idle', running: 'running', paused: 'paused',
    done: 'done', empty: '(empty)', noOutput: 'No output yet — press Run.', noResult: 'No run yet.',
    ok: 'finished', failed: 'failed', cancelled: 'cancelled', ran: 'ran', waited: 'waited', awaiting: 'awaiting',
    lane: 'task', lanes: 'tasks', recipeValid: 'Valid recipe', loading: 'Loading the runtime…',
    badLink: 'The share link is invalid', groups: { basics: 'Basics', tasks: 'Tasks and futures', concurrency: 'Concurrency',
      errors: 'Errors', threads: 'Threads', patterns: 'Patterns', protocols: 'async with / async for', io: 'I/O',
      pitfalls: 'Pitfalls', recipes: 'Recipes' },
    legendRun: 'running', legendWait: 'awaiting', legendErr: 'error', legendCancel: 'cancelled',
    planned: 'planned', lang: '中文',
    ownLoop: 'This example starts its own event loops (asyncio.run inside the example), so the sandbox loop has no tasks to draw: see its output.', status: 'exit status', error: 'Error', output: 'output lines',
    zoomIn: 'Zoom in (+)', zoomOut: 'Zoom out (−)', fit: 'Fit', fitHelp: 'Show the whole run (0)', live: 'live',
    zoomHelp: 'Ctrl + wheel or pinch: zoom · drag or Shift + wheel: pan · + − 0 ← →', cancelTask: 'Cancel',
    stepAxis: 'time stands still', stepAxisHelp: 'loop time does not move in this run: lanes are spaced by the order of events',
    cancelRequested: 'cancellation requested at', stuck: 'deadlocked on', stuckAt: (at, on) => `deadlocked at ${at}, awaiting ${on}`,
    waitLabel: (label) => label, waitOn: (stuck) => stuck.on, callback: 'callback',
    stepN: (n) => `step ${n}`, stepCount: (n) => (n === 1 ? '1 step' : `${n} steps`),
    blocks: 'Building blocks', blocksHelp: 'Click a block to add it to the recipe; “Launch now” starts the recipe in the running loop.',
    launch: 'Launch now', launched: 'launched', launchIdle: 'Nothing is running: the recipe runs on its own.',
    cancelled_by_user: 'cancelled from the timeline',
    block: { sleep: 'sleep', print: 'print', cpu: 'blocking CPU',
      to_thread: 'to_thread', lock: 'lock', semaphore: 'semaphore', queue: 'queue put/get', raise: 'failing task', cancel: 'cancel a task',
      acquire: 'acquire/release', event: 'event set/wait',
      gather: 'gather', wait: 'wait', as_completed: 'as_completed', wait_for: 'wait_for', task_group: 'task group',
      spawn: 'spawn + await', store: 'store put/get', file: 'file write/read' },
    noExample: (id, ids) => `no example '${id}' (the examples are: ${ids.join(', ')})`,
    noSource: (src, why) => `cannot load '${src}': ${why}`,
    noProgram: 'no Python program: put it inside the element or name its file with src="…"',
  },
  zh: {
    title: 'aio 沙盒', tagline: '用 C++20 协程实现的 Python asyncio，在浏览器中运行',
    search: '搜索示例…', examples: '示例', recipe: '任务配方', cpp: 'C++', python: 'Python（原版）',
    params: '参数', run: '运行', pause: '暂停', step: '单步', resume: '继续', reset: '重置',
    speed: '速度', instant: '瞬时（虚拟时间）', export: '导出追踪', share: '复制分享链接',
    copied: '链接已写入地址栏', timeline: '时间线', loop: '事件循环', console: '控制台',
    results: '结果', ready: '就绪队列', timers: '定时器队列', io: '等待中的 I/O', tick: '轮次',
    time: '循环时间', driver: '驱动方式', state: '状态', idle: '空闲', running: '运行中', paused: '已暂停',
    done: '完成', empty: '（空）', noOutput: '暂无输出 —— 请点击运行。', noResult: '尚未运行。',
    ok: '已完成', failed: '失败', cancelled: '已取消', ran: '运行', waited: '等待', awaiting: '等待',
    lane: '个任务', lanes: '个任务', recipeValid: '配方有效', loading: '正在加载运行时…',
    badLink: '分享链接无效', groups: { basics: '基础', tasks: '任务与 Future', concurrency: '并发',
      errors: '错误处理', threads: '线程', patterns: '常用模式', protocols: 'async with / async for', io: 'I/O',
      pitfalls: '常见陷阱', recipes: '配方' },
    legendRun: '运行', legendWait: '等待', legendErr: '错误', legendCancel: '取消',
    planned: '计划中', lang: 'English',
    ownLoop: '此示例自己创建事件循环（示例内部调用 asyncio.run），沙盒循环中没有可绘制的任务：请查看输出。', status: '退出码', error: '错误', output: '行输出',
    zoomIn: '放大 (+)', zoomOut: '缩小 (−)', fit: '全览', fitHelp: '显示整个运行过程 (0)', live: '实时',
    zoomHelp: 'Ctrl + 滚轮或双指缩放：缩放 · 拖动或 Shift + 滚轮：平移 · + − 0 ← →', cancelTask: '取消',
    stepAxis: '时间没有推进', stepAxisHelp: '本次运行的循环时间没有推进：泳道按事件发生的顺序排列',
    cancelRequested: '请求取消于', stuck: '死锁于', stuckAt: (at, on) => `${at} 时死锁，等待 ${on}`,
    waitLabel: zhWaitLabel, callback: '回调',
    waitOn: (stuck) => (stuck.wait ? fillTemplate(WAIT_MESSAGES_ZH[stuck.wait.code] ?? stuck.on, stuck.wait.params ?? {}, 'zh') : stuck.on),
    stepN: (n) => `第 ${n} 步`, stepCount: (n) => `${n} 步`,
    blocks: '构建块', blocksHelp: '点击构建块将其加入配方；“立即启动”把配方放进正在运行的循环。',
    launch: '立即启动', launched: '已启动', launchIdle: '当前没有运行：配方将单独运行。',
    cancelled_by_user: '在时间线上取消',
    block: { sleep: 'sleep 休眠', print: 'print 输出', cpu: '阻塞 CPU',
      to_thread: 'to_thread 线程', lock: '锁', semaphore: '信号量', queue: '队列 put/get', raise: '失败的任务', cancel: '取消任务',
      acquire: '锁 acquire/release', event: '事件 set/wait',
      gather: 'gather', wait: 'wait', as_completed: 'as_completed', wait_for: 'wait_for 超时', task_group: '任务组',
      spawn: 'spawn + await', store: '键值存储 put/get', file: '文件写/读' },
    noExample: (id, ids) => `没有名为 '${id}' 的示例（可用的示例：${ids.join('、')}）`,
    noSource: (src, why) => `无法加载 '${src}'：${why}`,
    noProgram: '没有 Python 程序：把代码写在元素里，或用 src="…" 指定文件',
  },
};

export function defaultLang() {
  try {
    const saved = localStorage.getItem('aio-lang');
    if (saved === 'en' || saved === 'zh') return saved;
  } catch { /* storage may be blocked */ }
  return (globalThis.navigator?.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
