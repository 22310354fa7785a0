// Peer for `make bench`: what a Node user would run. JSON.parse of a dashui
// answer, then every extension merged into an object keyed by its number.
// Usage: node dashui_node.js FILE [RUNS]  -> prints "min_ms median_ms"
const fs = require('fs');
const file = process.argv[2];
const runs = parseInt(process.argv[3] || '30', 10);
const text = fs.readFileSync(file, 'utf8');
function once() {
  const state = {};
  const answer = JSON.parse(text);
  let list = answer.extensions || [];
  if (!Array.isArray(list)) list = [list];
  for (const ext of list) {
    const previous = state[ext.extension];
    state[ext.extension] = previous ? Object.assign(previous, ext) : ext;
  }
  return Object.keys(state).length;
}
for (let i = 0; i < 2; i++) once();
const samples = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  once();
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
samples.sort((a, b) => a - b);
const median = samples.length % 2 ? samples[(samples.length - 1) / 2] : (samples[samples.length / 2 - 1] + samples[samples.length / 2]) / 2;
console.log(samples[0].toFixed(3), median.toFixed(3));
