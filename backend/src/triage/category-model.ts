/// <reference path="../types/wink-naive-bayes-text-classifier.d.ts" />
import createClassifier from 'wink-naive-bayes-text-classifier';
import { readableToken, triageTokens, withoutDiacritics } from '@caunoi/workflows';

export interface LabelledText {
  text: string;
  categoryCode: string;
}

export interface CategorySuggestion {
  categoryCode: string;
  /** The model's probability for it (against every other category), 0 to 1. */
  confidence: number;
  /** The next best, for the officer who disagrees. */
  alternatives: Array<{ categoryCode: string; confidence: number }>;
  /** The words that weighed most for it, as people read them. */
  because: string[];
}

export interface CategoryModel {
  /** Null when the text has no word the model knows. */
  suggest(text: string): CategorySuggestion | null;
  exportJSON(): string;
  labels: string[];
}

const probability = (log2Odds: number) => 1 / (1 + 2 ** -log2Odds);

type Tokeniser = (text: string) => string[];

function wrap(
  classifier: ReturnType<typeof createClassifier>,
  labels: string[],
  tokenise: Tokeniser = triageTokens,
): CategoryModel {
  return {
    labels,
    exportJSON: () => classifier.exportJSON(),
    suggest(text) {
      const tokens = tokenise(text);
      if (!tokens.length) return null;
      const odds = classifier.computeOdds(tokens);
      const [best, ...rest] = odds;
      if (!best || best[0] === 'unknown') return null;
      // The words that, alone, point to the winner more than to any other category, the strongest first.
      const weights = [...new Set(tokens)]
        .map((token) => ({ token, ranked: classifier.computeOdds([token]) }))
        .filter((w) => w.ranked[0]?.[0] === best[0])
        .map((w) => ({ token: w.token, odds: w.ranked[0]![1] }))
        .sort((a, b) => b.odds - a.odds);
      // One entry per word: its written form (with diacritics) when the citizen wrote one; no bare numbers.
      const because: string[] = [];
      for (const w of weights) {
        const word = readableToken(w.token);
        if (/^\d+$/.test(word)) continue;
        const plain = withoutDiacritics(word);
        const same = because.findIndex((b) => {
          const other = withoutDiacritics(b);
          return other.includes(plain) || plain.includes(other);
        });
        if (same === -1) because.push(word);
        else if (word !== plain && withoutDiacritics(because[same]!) === plain) because[same] = word;
        if (because.length === 5) break;
      }
      return {
        categoryCode: best[0],
        confidence: probability(best[1]),
        alternatives: rest.slice(0, 2).map(([categoryCode, o]) => ({ categoryCode, confidence: probability(o) })),
        because,
      };
    },
  };
}

/**
 * A naive Bayes model over CauNoi's Vietnamese features (workflows' triageTokens), from labelled
 * texts. `tokenise` is for the bench's baseline only (plain words, to measure what the features add).
 */
export function trainCategoryModel(
  examples: readonly LabelledText[],
  tokenise: Tokeniser = triageTokens,
): CategoryModel {
  const classifier = createClassifier();
  // Presence, not counts: a citizen repeating "ngập" five times is no surer of the category.
  classifier.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  const labels = [...new Set(examples.map((e) => e.categoryCode))].sort();
  if (labels.length < 2) throw new Error('the category model needs examples of at least two categories');
  for (const e of examples) classifier.learn(tokenise(e.text), e.categoryCode);
  classifier.consolidate();
  return wrap(classifier, labels, tokenise);
}

export function loadCategoryModel(json: string): CategoryModel {
  const classifier = createClassifier();
  classifier.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  classifier.importJSON(json);
  classifier.consolidate();
  const labels = Object.keys(classifier.stats().labelWiseSamples).sort();
  return wrap(classifier, labels);
}

/** Top-1 and top-3 accuracy of a model on labelled texts it did not learn from, with what it confused. */
export function evaluateCategoryModel(model: CategoryModel, examples: readonly LabelledText[]) {
  let top1 = 0;
  let top3 = 0;
  const confusions = new Map<string, number>();
  for (const e of examples) {
    const s = model.suggest(e.text);
    const ranked = s ? [s.categoryCode, ...s.alternatives.map((a) => a.categoryCode)] : [];
    if (ranked[0] === e.categoryCode) top1 += 1;
    else {
      const key = `${e.categoryCode} → ${ranked[0] ?? '(none)'}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (ranked.includes(e.categoryCode)) top3 += 1;
  }
  return {
    examples: examples.length,
    top1: examples.length ? top1 / examples.length : 0,
    top3: examples.length ? top3 / examples.length : 0,
    confusions: [...confusions].sort((a, b) => b[1] - a[1]).map(([pair, n]) => ({ pair, n })),
  };
}
