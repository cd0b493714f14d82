/** A small seeded PRNG (mulberry32) and helpers, so generated test data is the same every run and a failure can be replayed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** One element of the list. */
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** Up to `max` distinct elements of the list. */
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(list)))];
  return { random, pick, some };
}
