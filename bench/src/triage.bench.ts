/**
 * The category model on submissions it never learnt from: trained on the bootstrap set that ships
 * in seeds (seeds/data/triage-training.json, 144 texts), measured on a separate hand-written set
 * (bench/data/triage-labelled.json, 108 texts, six per category, written as citizens write: no
 * diacritics, typos, chat shorthand). The baseline, in the same run, is the same classifier on
 * plain lower-cased words: what CauNoi's Vietnamese features (diacritics folded, shorthand spelled
 * out, syllable pairs) add. Then the cost: suggestions per second on one core, and training time
 * for the bootstrap set and for 50,000 examples (a year of officers' decisions, the nightly job).
 *
 *   npm run bench:triage -w @caunoi/bench
 */
import { readFileSync } from 'node:fs';
import { type LabelledText, evaluateCategoryModel, trainCategoryModel } from '@caunoi/backend';

const read = (url: URL): LabelledText[] =>
  (JSON.parse(readFileSync(url, 'utf8')) as { examples: Array<{ text: string; category: string }> }).examples.map(
    (e) => ({ text: e.text, categoryCode: e.category }),
  );
const training = read(new URL('../../seeds/data/triage-training.json', import.meta.url));
const labelled = read(new URL('../data/triage-labelled.json', import.meta.url));
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

const plainWords = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\d]+/u)
    .filter(Boolean);
const baseline = evaluateCategoryModel(trainCategoryModel(training, plainWords), labelled);
const model = trainCategoryModel(training);
const result = evaluateCategoryModel(model, labelled);

console.log(`Category model: trained on ${training.length} bootstrap texts, measured on ${labelled.length} others`);
console.log(
  `  top-1 accuracy       ${percent(result.top1)}   (baseline, plain words: ${percent(baseline.top1)}; ${(result.top1 / baseline.top1).toFixed(2)} ×)`,
);
console.log(`  top-3 accuracy       ${percent(result.top3)}   (baseline: ${percent(baseline.top3)})`);

// Per category: how many of its six were found first.
const perCategory = new Map<string, { right: number; all: number }>();
for (const e of labelled) {
  const entry = perCategory.get(e.categoryCode) ?? { right: 0, all: 0 };
  entry.all += 1;
  if (model.suggest(e.text)?.categoryCode === e.categoryCode) entry.right += 1;
  perCategory.set(e.categoryCode, entry);
}
console.log('  per category (top-1):');
for (const [code, { right, all }] of [...perCategory].sort((a, b) => a[1].right / a[1].all - b[1].right / b[1].all))
  console.log(`    ${code.padEnd(22)} ${right}/${all}`);
console.log('  confused (truth → suggestion):');
for (const { pair, n } of result.confusions.slice(0, 10)) console.log(`    ${pair} ×${n}`);

// How sure it is when it is right, and when it is wrong: what a threshold trades.
const sure = labelled.map((e) => {
  const s = model.suggest(e.text);
  return { right: s?.categoryCode === e.categoryCode, confidence: s?.confidence ?? 0 };
});
for (const threshold of [0.6, 0.8, 0.9, 0.95]) {
  const applied = sure.filter((s) => s.confidence >= threshold);
  const wrong = applied.filter((s) => !s.right).length;
  console.log(
    `  threshold ${threshold.toFixed(2)}: routes ${percent(applied.length / sure.length)} by itself, ${wrong} of them wrong (${percent(applied.length ? wrong / applied.length : 0)})`,
  );
}

// Cost per suggestion (tokenise, score 18 categories, explain with the top words).
const rounds = 30;
const times: number[] = [];
for (let r = 0; r < rounds; r += 1)
  for (const e of labelled) {
    const started = process.hrtime.bigint();
    model.suggest(e.text);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
times.sort((a, b) => a - b);
const total = times.reduce((a, b) => a + b, 0);
console.log(
  `  suggestion: ${(times.length / (total / 1000)).toFixed(0)} /s on one core; p50 ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms, p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(2)} ms`,
);

// Training cost: the bootstrap set, and 50,000 examples (the bootstrap and labelled texts with
// their words shuffled and shortened, as a stand-in for a year of officers' decisions).
let started = Date.now();
trainCategoryModel(training);
const smallMs = Date.now() - started;
const big: LabelledText[] = [];
for (let i = 0; big.length < 50_000; i += 1) {
  const source = [...training, ...labelled][i % (training.length + labelled.length)]!;
  const words = source.text.split(' ');
  const cut = words.filter((_, k) => (k + i) % 5 !== 0);
  big.push({ text: cut.join(' '), categoryCode: source.categoryCode });
}
started = Date.now();
const bigModel = trainCategoryModel(big);
const bigMs = Date.now() - started;
console.log(
  `  training: ${training.length} texts in ${smallMs} ms; 50,000 texts in ${(bigMs / 1000).toFixed(1)} s (model ${(bigModel.exportJSON().length / 1024 / 1024).toFixed(1)} MB as JSON)`,
);
