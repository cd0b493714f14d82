/** A transaction that counts the statements sent through it, for "one query per batch, not per member" checks. */
import type { Tx } from "../../app/db/client.server";

export function countingTx(tx: Tx): { tx: Tx; count: () => number } {
  let calls = 0;
  const proxy = new Proxy(tx, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      // Every method of the transaction sends (or builds) a statement: execute, select, insert…
      return (...args: unknown[]) => {
        calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { tx: proxy, count: () => calls };
}
