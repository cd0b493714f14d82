/** The server's Node.js flags are the same wherever it is started (server/node-flags.mjs). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.mjs";

describe("server Node.js flags", () => {
  it("npm start passes every flag of server/node-flags.mjs", () => {
    const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start!;
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(start.split(/\s+/)).toContain(flag);
  });
});
