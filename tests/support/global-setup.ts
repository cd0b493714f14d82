/**
 * One real PostgreSQL 17 server for the whole vitest run, in a throw-away folder, with a template
 * database that has the Supabase stand-in and every migration applied. Test files clone it.
 */
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../app/db/embedded-postgres.server";
import { migrateDatabase } from "../../app/db/migrate.server";

export const TEMPLATE_DB = "tulay_template";

let server: EmbeddedDatabase | undefined;

export async function setup(project: TestProject) {
  const parent = mkdtempSync(path.join(os.tmpdir(), "tulay-test-"));
  // As root, PostgreSQL runs as the "postgres" user, which must be able to enter the folder.
  chmodSync(parent, 0o755);
  const dataDir = path.join(parent, "pg");
  server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB}`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = server.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`);
  await migrateDatabase(templateUrl);
  project.provide("pgAdminUrl", server.url);
  project.provide("pgTemplate", TEMPLATE_DB);
}

export async function teardown() {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
