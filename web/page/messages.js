// What the engine reports as messages — recipe validation reasons, limit errors, the deadlock
// report — shown in the page's language. The engine gives each as a code plus parameters; its
// English template comes with the module (MESSAGES, from wasm/sandbox/messages.hpp), the Chinese
// one is here. Page only (the widget shows no recipes). tests/browser/messages.test.mjs fails if
// the engine has a code this table lacks, or a template here names a parameter the English lacks.
import { MESSAGES } from '../src/index.js';
import { fillTemplate, WAIT_MESSAGES_ZH } from './i18n.js';

export const MESSAGES_ZH = {
  'recipe.bad_allow_list': '沙盒的 HTTP 允许列表无效：{detail}',
  'recipe.unknown_field': '未知字段（配方只有 version、title、resources 和 main）',
  'recipe.bad_version': '必须是 1（唯一的格式版本）',
  'recipe.missing_main': '缺少：主任务的步骤',
  'recipe.no_such_task': '本配方中没有名为 \'{name}\' 的任务',
  'recipe.not_object': '必须是对象，而不是{type}',
  'recipe.not_string': '必须是字符串，而不是{type}',
  'recipe.too_long': '超过 {max} 个字符',
  'recipe.empty': '不能为空',
  'recipe.not_seconds': '必须是秒数，而不是{type}',
  'recipe.not_milliseconds': '必须是毫秒数，而不是{type}',
  'recipe.seconds_range': '必须在 {min} 到 {max} 秒之间',
  'recipe.milliseconds_range': '必须在 {min} 到 {max} 毫秒之间',
  'recipe.not_whole': '必须是整数，而不是 {value}',
  'recipe.whole_range': '必须在 {min} 到 {max} 之间',
  'recipe.name_twice': '名称 \'{name}\' 用了两次',
  'recipe.not_name_array': '必须是名称的数组，而不是{type}',
  'recipe.empty_name': '名称不能为空',
  'recipe.unknown_resource_kind': '未知的资源种类（locks、semaphores、events、queues）',
  'recipe.too_deep': '嵌套超过 {max} 层（限制 max_depth）',
  'recipe.unknown_task_field': '未知字段（任务只有 name 和 steps）',
  'recipe.missing_task_steps': '缺少：任务的步骤',
  'recipe.task_twice': '有两个任务都叫 \'{name}\'',
  'recipe.not_task_array': '必须是任务的数组，而不是{type}',
  'recipe.no_tasks': '至少需要一个任务',
  'recipe.not_step_array': '必须是步骤的数组，而不是{type}',
  'recipe.two_operations': '有两个操作：\'{first}\' 和 \'{second}\'',
  'recipe.no_operation': '没有已知的操作；可用的操作：{known}',
  'recipe.no_operation_has': '没有已知的操作（现有字段：{keys}）；可用的操作：{known}',
  'recipe.not_a_field': '不是 \'{operation}\' 的字段',
  'recipe.spawn_needs_name': 'spawn 出的任务需要名称（才能 await 或取消它）',
  'recipe.not_boolean': '必须是 true 或 false',
  'recipe.bad_return_when': '必须是 ALL_COMPLETED、FIRST_COMPLETED 或 FIRST_EXCEPTION',
  'recipe.missing_repeat_steps': '缺少：要重复的步骤',
  'recipe.missing_with_steps': '缺少：持有它时要运行的步骤',
  'recipe.bad_put_value': '必须是字符串或数字，而不是{type}',
  'recipe.relative_url': '相对 URL 需要沙盒的 HTTP 基地址（选项 http.base）；请给出绝对的 http(s) URL',
  'recipe.bad_url': '无效的 URL：{detail}',
  'recipe.origin_not_allowed': '源 {origin} 不在沙盒的 HTTP 允许列表中（{allowed}）',
  'recipe.bad_method': '必须是 GET、POST、PUT、PATCH、DELETE 或 HEAD',
  'recipe.no_storage': '存储和文件步骤需要沙盒的存储目录（选项 storage.dir；命令行 --data DIR）',
  'recipe.missing_value': '缺少：要存储的值（任意 JSON）',
  'recipe.missing_text': '缺少：要写入的文本',
  'recipe.value_too_large': '超过 {max} 字节（限制 max_value_bytes）',
  'recipe.not_file_name': '必须是普通文件名（字母、数字、\'.\'、\'_\'、\'-\'；不以 \'.\' 开头）：文件位于沙盒的目录中，不能有 \'/\'、\'..\' 或绝对路径',
  'recipe.reserved_device': '\'{name}\' 是 Windows 的保留设备名（CON、PRN、AUX、NUL、COM1-9、LPT1-9，带任何扩展名）',
  'recipe.missing_timeout': '缺少：wait_for 需要以秒计的 timeout',
  'recipe.not_lock': '\'{name}\' 声明于 {declared}，它不是锁或信号量',
  'recipe.not_event': '\'{name}\' 声明于 {declared}，它不是事件',
  'recipe.not_queue': '\'{name}\' 声明于 {declared}，它不是队列',
  'recipe.no_lock': '$.resources 中没有名为 \'{name}\' 的锁或信号量',
  'recipe.no_event': '$.resources 中没有名为 \'{name}\' 的事件',
  'recipe.no_queue': '$.resources 中没有名为 \'{name}\' 的队列',
  'recipe.too_large': '配方超过 {max} 字节（限制 max_recipe_bytes）',
  'recipe.too_nested': '嵌套超过 {max} 层（限制 max_depth）',
  'recipe.bad_json': '不是有效的 JSON：{detail}',
  'limit.max_steps': '配方执行了超过 {max} 个步骤（限制 max_steps）',
  'limit.max_duration': '配方运行时间超过了 {max} 秒的限制（限制 max_duration）',
  'limit.max_tasks': '配方创建了超过 {max} 个任务（限制 max_tasks）',
  'limit.max_live_tasks': '配方同时存活的任务超过 {max} 个（限制 max_live_tasks）',
  'limit.max_written_bytes': '配方的存储和文件步骤写入了超过 {max} 字节（限制 max_written_bytes）',
  'limit.max_queued_bytes': '配方的队列中的数据超过 {max} 字节（限制 max_queued_bytes）',
  'deadlock.heading': '死锁：没有就绪的任务，也没有待处理的定时器或 I/O，{count} 个任务在等待',
  'deadlock.cycle': '等待环：{links}',
  'deadlock.held_by': '{task} 等待 {wait}，它被 {next} 持有',
  'deadlock.awaits': '{task} 等待 {wait} -> {next}',
  'deadlock.waits': '{task} 等待 {wait}',
  'deadlock.waits_why': '{task} 等待 {wait}：{why}',
  'deadlock.lock_not_free': '没有任务持有它，它却没有空闲',
  'deadlock.event_unset': '能设置它的任务都无法运行',
  'deadlock.queue_empty': '队列为空，而能向它放入数据的任务都无法运行',
  'deadlock.queue_full': '队列已满，而能从它取出数据的任务都无法运行',
  'deadlock.never_completes': '没有什么能让它完成',
  ...WAIT_MESSAGES_ZH,
};

const TEMPLATES = { zh: MESSAGES_ZH };

// A message ({code, params}) in `lang`; `params` overrides some parameters (already rendered
// parts, e.g. a deadlock line's wait). English, or the code itself, when there is no template.
export function messageText(lang, { code, params = {} }, over = {}) {
  const template = TEMPLATES[lang]?.[code] ?? MESSAGES[code] ?? code;
  return fillTemplate(template, { ...params, ...over }, lang);
}

// The deadlock report (session.cpp's JSON) as text in `lang`: the heading, the wait cycle, one
// line per waiting task — as the engine's English "message" is put together.
export function deadlockText(lang, report) {
  const m = report.messages;
  if (!m) return report.message;
  const waitOf = new Map(report.waiting.map((w) => [w.task, messageText(lang, w.messages.wait)]));
  const lines = [messageText(lang, m.heading)];
  if (m.cycle.length) {
    const links = m.cycle.map((link, i) => messageText(lang, link, { wait: waitOf.get(report.cycle[i].task) }));
    lines.push(messageText(lang, { code: 'deadlock.cycle', params: { links: links.join(lang === 'zh' ? '；' : '; ') } }));
  }
  for (const w of report.waiting) {
    const over = { wait: waitOf.get(w.task) };
    if (w.messages.why) over.why = messageText(lang, w.messages.why);
    lines.push(messageText(lang, w.messages.line, over));
  }
  return lines.join('\n  ');
}
