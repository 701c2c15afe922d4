// Recipes in the page's gallery: lessons of the tutorials that no C++ example demonstrates, as
// task recipes (web/recipe.md) with a note in both languages. The printed lines follow the page's
// language; every output line carries the loop time ([t=…s]), which is what the lesson reads.

// Three tasks of one kind, gathered: each runs `steps` and prints `done`.
const three = (prefix, steps, done) =>
  ['1', '2', '3'].map((n) => ({ name: `${prefix}_${n}`, steps: [...steps, { print: done }] }));

export const GALLERY_RECIPES = [
  {
    id: 'cpu_gather',
    title: { en: 'CPU-bound work gains nothing from gather', zh: 'CPU 密集型任务用 gather 也快不了' },
    note: {
      en: 'The tutorials say async suits I/O-bound work, not CPU-bound work. Three 0.5 s sleeps gathered wait together: 0.5 s. Three 500 ms CPU-bound steps gathered run one after another on the loop\'s only thread: 1.5 s, the sum, and nothing else runs meanwhile. CPU-bound Python needs processes (ProcessPoolExecutor, multiprocessing), which a browser tab does not have.',
      zh: '教程说异步适合 I/O 密集型任务，而不适合 CPU 密集型任务。用 gather 并发三个 0.5 秒的 sleep，它们一起等待：共 0.5 秒。用 gather 并发三个 500 毫秒的 CPU 密集型步骤，它们在事件循环唯一的线程上一个接一个地运行：共 1.5 秒，即三者之和，期间其他任务都无法运行。CPU 密集型的 Python 代码要靠多进程（ProcessPoolExecutor、multiprocessing），而浏览器标签页里没有进程可用。',
    },
    recipe: (t) => ({
      version: 1,
      title: t('CPU-bound work gains nothing from gather', 'CPU 密集型任务用 gather 也快不了'),
      main: [
        { print: t('gather: three asyncio.sleep(0.5)', 'gather：三个 asyncio.sleep(0.5)') },
        { gather: three('io', [{ sleep: 0.5 }], t('slept 0.5 s', '休眠了 0.5 秒')) },
        { print: t('gather: three CPU-bound steps of 500 ms', 'gather：三个 500 毫秒的 CPU 密集型步骤') },
        { gather: three('cpu', [{ cpu: 500 }], t('computed 500 ms', '计算了 500 毫秒')) },
        { print: t('done: the CPU-bound gather took the sum of its steps', '结束：CPU 密集型的 gather 用时是各步骤之和') },
      ],
    }),
  },
  {
    id: 'threads_vs_tasks',
    title: { en: 'Processes, threads and coroutines: threads vs tasks', zh: '进程、线程与协程：线程 vs 任务' },
    note: {
      en: 'A process has its own memory and runs in parallel on its own core (multiprocessing). Threads share their process\'s memory and the OS switches between them at any moment; in CPython the GIL runs one thread\'s Python code at a time, so threads help with blocking calls (time.sleep, requests, files), not with CPU-bound Python. Coroutines (tasks) share one thread and switch only at await. Here three tasks each make a 300 ms blocking call: called directly, it blocks the loop and the three take 0.9 s; through asyncio.to_thread each runs on a thread of its own and the three take 0.3 s.',
      zh: '进程有自己独立的内存，在各自的 CPU 核心上并行运行（multiprocessing）。线程共享所属进程的内存，由操作系统随时切换；在 CPython 中 GIL 让同一时刻只有一个线程执行 Python 代码，所以线程适合阻塞调用（time.sleep、requests、文件），帮不了 CPU 密集型的 Python 代码。协程（任务）共用一个线程，只在 await 处切换。这里三个任务各做一次 300 毫秒的阻塞调用：直接调用会阻塞事件循环，三个共用 0.9 秒；通过 asyncio.to_thread，每个调用在各自的线程上运行，三个共用 0.3 秒。',
    },
    recipe: (t) => ({
      version: 1,
      title: t('threads vs tasks', '线程 vs 任务'),
      main: [
        { print: t('three tasks call a blocking function directly (300 ms each)', '三个任务直接调用阻塞函数（每次 300 毫秒）') },
        { gather: three('task', [{ cpu: 300 }], t('blocking call returned', '阻塞调用返回')) },
        { print: t('three tasks send the same call to a thread: await asyncio.to_thread(...)', '三个任务把同样的调用交给线程：await asyncio.to_thread(...)') },
        { gather: three('thread', [{ to_thread: 300 }], t('to_thread returned', 'to_thread 返回')) },
        { print: t('done', '结束') },
      ],
    }),
  },
];

// The recipe's JSON text in a language, as the editor shows it.
export function recipeText(recipe, lang) {
  return JSON.stringify(recipe.recipe((en, zh) => (lang === 'zh' ? zh : en)), null, 2);
}
