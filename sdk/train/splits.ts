import { seeded } from './gbdt/random.ts';

/**
 * Splits rows into train and test by entity, so that a creator's rows at different as-of dates never sit
 * on both sides (that would leak its identity into the test score). Stratified on whether the entity ever
 * has a positive label.
 */
export function splitByEntity(
  entity: readonly string[],
  label: ArrayLike<number>,
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const positive = new Map<string, boolean>();
  entity.forEach((e, i) => {
    positive.set(e, (positive.get(e) ?? false) || label[i] === 1);
  });
  const rand = seeded(seed);
  const testEntities = new Set<string>();
  for (const cls of [true, false]) {
    const members = [...positive.entries()]
      .filter(([, p]) => p === cls)
      .map(([e]) => e)
      .sort();
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [members[i], members[j]] = [members[j] as string, members[i] as string];
    }
    for (const e of members.slice(0, Math.round(members.length * testFraction))) testEntities.add(e);
  }
  const train: number[] = [];
  const test: number[] = [];
  entity.forEach((e, i) => {
    (testEntities.has(e) ? test : train).push(i);
  });
  return { train, test };
}

/** Out-of-time: rows before the cutoff train, rows at or after it test (the cutoff is a quantile of as_of). */
export function splitByTime(asOf: readonly number[], quantile: number): { train: number[]; test: number[]; cutoff: number } {
  const sorted = [...new Set(asOf)].sort((a, b) => a - b);
  const cutoff = sorted[Math.min(sorted.length - 1, Math.max(1, Math.floor(sorted.length * quantile)))] as number;
  const train: number[] = [];
  const test: number[] = [];
  asOf.forEach((t, i) => {
    (t < cutoff ? train : test).push(i);
  });
  return { train, test, cutoff };
}

/**
 * Held-out fraud type: positives showing `type` are removed from training; the test set is those
 * positives plus the test negatives, so the score says whether the model catches a kind of fraud it
 * never saw.
 */
export function splitHeldOutType(
  types: readonly (readonly string[])[],
  label: ArrayLike<number>,
  base: { train: number[]; test: number[] },
  type: string,
): { train: number[]; test: number[] } {
  const has = (i: number) => label[i] === 1 && (types[i] ?? []).includes(type);
  return {
    train: base.train.filter((i) => !has(i)),
    test: [...base.test.filter((i) => label[i] === 0), ...base.train.filter(has), ...base.test.filter(has)],
  };
}
