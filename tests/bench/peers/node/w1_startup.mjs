// W1 start-up: the smallest complete program (tools/bench times process start to exit).
const sleep0 = process.argv.includes('--immediate') ? () => new Promise((r) => setImmediate(r)) : () => null;

async function main() {
  await sleep0();
}

await main();
