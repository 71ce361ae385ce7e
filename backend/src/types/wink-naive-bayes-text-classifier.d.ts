// The part of wink-naive-bayes-text-classifier (2.x, no types shipped) CauNoi uses; tokens in, log-odds out.
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: Array<(input: unknown) => unknown>): number;
    learn(tokens: string[], label: string): boolean;
    consolidate(): boolean;
    /** [label, log2 odds of the label against the rest], best first; [['unknown', 0]] when no token is known. */
    computeOdds(tokens: string[]): Array<[string, number]>;
    predict(tokens: string[]): string;
    stats(): { labelWiseSamples: Record<string, number>; labelWiseWords: Record<string, number>; vocabulary: number };
    exportJSON(): string;
    importJSON(json: string): boolean;
    reset(): boolean;
  }
  const create: () => NaiveBayesTextClassifier;
  export default create;
}
