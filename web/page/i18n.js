// UI strings of the sandbox page and widget, English and Chinese. The default comes from
// navigator.language; the page's switch overrides it (kept in localStorage).
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
    lanes: 'tasks', recipeRun: 'Run recipe', recipeValid: 'Valid recipe', loading: 'Loading the runtime…',
    badLink: 'The share link is invalid', groups: { basics: 'Basics', tasks: 'Tasks and futures', concurrency: 'Concurrency',
      errors: 'Errors', threads: 'Threads', patterns: 'Patterns', protocols: 'async with / async for', io: 'I/O',
      pitfalls: 'Pitfalls', recipes: 'Recipes' },
    legendRun: 'running', legendWait: 'awaiting', legendErr: 'error', legendCancel: 'cancelled',
    planned: 'planned', lang: '中文',
    ownLoop: 'This example starts its own event loops (asyncio.run inside the example), so the sandbox loop has no tasks to draw: see its output.', status: 'exit status', error: 'Error', output: 'output lines',
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
    lanes: '个任务', recipeRun: '运行配方', recipeValid: '配方有效', loading: '正在加载运行时…',
    badLink: '分享链接无效', groups: { basics: '基础', tasks: '任务与 Future', concurrency: '并发',
      errors: '错误处理', threads: '线程', patterns: '常用模式', protocols: 'async with / async for', io: 'I/O',
      pitfalls: '常见陷阱', recipes: '配方' },
    legendRun: '运行', legendWait: '等待', legendErr: '错误', legendCancel: '取消',
    planned: '计划中', lang: 'English',
    ownLoop: '此示例自己创建事件循环（示例内部调用 asyncio.run），沙盒循环中没有可绘制的任务：请查看输出。', status: '退出码', error: '错误', output: '行输出',
  },
};

export function defaultLang() {
  try {
    const saved = localStorage.getItem('aio-lang');
    if (saved === 'en' || saved === 'zh') return saved;
  } catch { /* storage may be blocked */ }
  return (globalThis.navigator?.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
