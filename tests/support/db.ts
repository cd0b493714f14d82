/**
 * A fresh database for one test file, cloned from the migrated template; dropped afterwards.
 * Tests talk to it through the same client the app uses, so RLS is exercised for real.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { createDbClient, type DbClient } from "../../app/db/client.server";

export interface TestDatabase {
  url: string;
  client: DbClient;
}

async function createFromTemplate(adminUrl: string, template: string): Promise<string> {
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${template}`);
        break;
      } catch (error) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if (attempt < 20 && /being accessed by other users/.test(String(error))) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  } finally {
    await admin.end();
  }
  return name;
}

export function setupTestDatabase(): () => TestDatabase {
  let db: TestDatabase | undefined;
  let name: string | undefined;
  const adminUrl = inject("pgAdminUrl");
  beforeAll(async () => {
    name = await createFromTemplate(adminUrl, inject("pgTemplate"));
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    db = { url, client: createDbClient(url, { max: 4 }) };
  });
  afterAll(async () => {
    await db?.client.close();
    if (name) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
  return () => {
    if (!db) throw new Error("setupTestDatabase: the database is ready only inside tests and hooks");
    return db;
  };
}
