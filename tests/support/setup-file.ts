import { format } from "node:util";
import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test fails it: errors nobody looks at are bugs waiting to happen.
let errors: string[] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(format(...args));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called during the test:\n${errors.join("\n")}`);
});
