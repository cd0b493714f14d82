/**
 * The HTTP layer around Remix: security headers (CSP with a per-response nonce, HSTS in
 * production, no framing), compression, request logs, static files and /healthz.
 */
import crypto from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { usesStripe, type Env } from "../app/config/env.server";
import type { DbClient } from "../app/db/client.server";
import { projectRoot } from "../app/db/paths.server";

/**
 * Where our forms may lead besides ourselves: a form answered with a redirect to Stripe's hosted
 * pages (the give page to Checkout, an LGU admin's to onboarding) is a form submission to there as
 * far as form-action goes. A fake of Stripe's API (STRIPE_API_HOST, in tests) serves those pages too.
 */
export function stripeFormTargets(env: Env): string[] {
  if (!usesStripe(env)) return [];
  const targets = ["https://checkout.stripe.com", "https://connect.stripe.com"];
  if (env.STRIPE_API_HOST) targets.push(`${env.STRIPE_API_PROTOCOL ?? "https"}://${env.STRIPE_API_HOST}${env.STRIPE_API_PORT ? `:${env.STRIPE_API_PORT}` : ""}`);
  return targets;
}

export function createApp({ env, build, db, logger }: { env: Env; build: ServerBuild; db: DbClient; logger: Logger }) {
  const production = env.NODE_ENV === "production";
  const root = projectRoot();
  const app = express();
  app.disable("x-powered-by");
  if (production) app.set("trust proxy", 1);

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'", ...stripeFormTargets(env)],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
      strictTransportSecurity: production ? { maxAge: 63072000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      xFrameOptions: { action: "deny" },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(self)");
    next();
  });
  app.use(compression());

  app.use(
    pinoHttp({
      logger,
      // Log what operators need and no personal data: no headers, cookies or client addresses.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url?.startsWith("/build/") ?? false },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    }),
  );

  // Stripe's webhooks: the route module's action (app/routes/webhooks.stripe.tsx) called without
  // Remix's request pipeline, whose route matching (every route flattened and ranked, twice per
  // request) cost more CPU than the webhook's own work: 4.0 -> 2.3 ms per event, 249 -> 400
  // events/s (docs/performance.md). Same code, same answers; the body goes on byte for byte, as
  // the signature covers it. GET and the rest still reach the route through Remix.
  const stripeWebhook = build.routes?.["routes/webhooks.stripe"]?.module.action;
  if (stripeWebhook) {
    const MAX_BODY_BYTES = 1024 * 1024; // as the route
    app.post("/webhooks/stripe", async (req, res, next) => {
      try {
        const chunks: Buffer[] = [];
        let size = 0;
        // Read to the end (so the answer reaches the client) but keep at most the limit.
        for await (const chunk of req as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        }
        if (size > MAX_BODY_BYTES) {
          res.status(413).json({ error: "too large" });
          return;
        }
        const headers = new Headers();
        for (const name of ["content-type", "stripe-signature"]) {
          const value = req.get(name);
          if (value) headers.set(name, value);
        }
        const request = new Request(`http://${req.get("host") ?? "localhost"}${req.originalUrl}`, { method: "POST", headers, body: Buffer.concat(chunks) });
        const response = (await stripeWebhook({ request, params: {}, context: { cspNonce: res.locals.cspNonce as string, clientIp: req.ip } })) as globalThis.Response;
        res.status(response.status);
        response.headers.forEach((value, name) => res.setHeader(name, value));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        next(error);
      }
    });
  }

  app.get("/healthz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const started = Date.now();
    try {
      const ok = await Promise.race([
        db.ping(),
        new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error("database ping timed out")), 3000)),
      ]);
      if (!ok) throw new Error("unexpected ping result");
      res.json({ status: "ok", database: "ok", latencyMs: Date.now() - started });
    } catch (error) {
      logger.error({ err: error }, "health check failed");
      res.status(503).json({ status: "error", database: "unavailable" });
    }
  });

  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // The static handler is asked only about paths under public/'s own files and folders (read once,
  // at start): for every page it looked for a file first (/projects -> public/projects), and the
  // failed look-up (a file system call, an error object with its stack) cost about 0.3 ms of CPU
  // per page.
  const publicDir = path.join(root, "public");
  const publicEntries = new Set(existsSync(publicDir) ? readdirSync(publicDir) : []);
  const servePublic = express.static(publicDir, { maxAge: "1h" });
  app.use((req, res, next) => {
    let first = req.path.split("/", 2)[1] ?? "";
    try {
      first = decodeURIComponent(first);
    } catch {
      // malformed: the static handler answers as it always did
      return servePublic(req, res, next);
    }
    if (publicEntries.has(first)) return servePublic(req, res, next);
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip, dataRequest: typeof req.query._data === "string" }),
    }),
  );

  // Last resort: Remix renders its own errors, so this only sees failures outside it.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log?.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).type("text/plain").send("Internal error. Please try again later.");
  });

  return app;
}
