/**
 * Route matching with the patches in patches/ (@remix-run/router compiles each route path once and
 * ranks a routes array once, and keeps a pathname's matches per routes array; Remix's RemixServer makes a build's server routes once and
 * react-router-dom's static router converts them once, so the ranked branches are reused): the
 * patches are applied, and matching the same routes many times gives each URL its own correct
 * route and params (nothing of one match leaks into the next). Rendering with the cached routes is
 * what every page test and e2e test does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AgnosticRouteObject as RouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The CommonJS build, the one the server loads (through @remix-run/server-runtime and
// react-router-dom/server) and the one patched; an import here would get the ES module build.
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

const routes: RouteObject[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "jobs", path: "jobs" },
      { id: "job", path: "jobs/:id" },
      { id: "applicant", path: "me/organisations/:slug/jobs/:job/applicants/:application" },
      { id: "lgu", path: "lgus/:slug/:section?" },
      { id: "Case", path: "Exact/Case", caseSensitive: true },
      { id: "files", path: "files/*" },
      { id: "catch", path: "*" },
    ],
  },
];

const matched = (url: string) => {
  const matches = matchRoutes(routes, url) ?? [];
  const last = matches[matches.length - 1];
  return { id: last?.route.id, params: last?.params };
};

describe("route matching (patched @remix-run/router)", () => {
  it("has the patches applied (the router's matching, Remix's server routes, the static router's data routes)", () => {
    for (const module of ["@remix-run/router", "@remix-run/react/dist/server.js", "react-router-dom/server.js"]) {
      expect(readFileSync(require.resolve(module), "utf8")).toContain("Tulay patch");
    }
  });

  it("matches each URL to its route and params, the same every time", () => {
    for (let round = 0; round < 3; round++) {
      expect(matched("/")).toEqual({ id: "home", params: {} });
      expect(matched("/jobs")).toEqual({ id: "jobs", params: {} });
      expect(matched("/jobs/")).toEqual({ id: "jobs", params: {} });
      expect(matched("/JOBS")).toEqual({ id: "jobs", params: {} });
      expect(matched("/jobs/abc")).toEqual({ id: "job", params: { id: "abc" } });
      expect(matched("/jobs/def")).toEqual({ id: "job", params: { id: "def" } });
      expect(matched("/me/organisations/acme/jobs/j1/applicants/a9")).toEqual({ id: "applicant", params: { slug: "acme", job: "j1", application: "a9" } });
      expect(matched("/lgus/naga")).toEqual({ id: "lgu", params: { slug: "naga", section: undefined } });
      expect(matched("/lgus/naga/invest")).toEqual({ id: "lgu", params: { slug: "naga", section: "invest" } });
      expect(matched("/Exact/Case")).toEqual({ id: "Case", params: {} });
      expect(matched("/exact/case")).toEqual({ id: "catch", params: { "*": "exact/case" } });
      expect(matched("/files/a/b.pdf")).toEqual({ id: "files", params: { "*": "a/b.pdf" } });
      expect(matched("/nowhere/at/all")).toEqual({ id: "catch", params: { "*": "nowhere/at/all" } });
    }
  });

  it("gives each caller its own matches: what one does to them does not reach the next", () => {
    for (let round = 0; round < 3; round++) {
      const matches = matchRoutes(routes, "/lgus/naga/invest")!;
      expect(matches.map((m) => m.route.id)).toEqual(["root", "lgu"]);
      expect(matches[0]!.params).toBe(matches[1]!.params); // one params object per match, as unpatched
      expect(matches[1]).toMatchObject({ pathname: "/lgus/naga/invest", pathnameBase: "/lgus/naga/invest", params: { slug: "naga", section: "invest" } });
      (matches[1]!.params as Record<string, string>).slug = "changed"; // a caller that writes to what it was given
      matches.pop();
    }
    expect(matchRoutes(routes, "/jobs/a%20b")?.[1]?.params).toEqual({ id: "a b" });
    expect(matchRoutes(routes, "/jobs/a%20b")?.[1]?.params).toEqual({ id: "a b" });
    expect(matchRoutes(routes, "/app/jobs", "/app")?.[1]?.route.id).toBe("jobs");
    expect(matchRoutes(routes, "/jobs", "/app")).toBeNull();
  });

  it("sees a new routes array (a rebuilt app) rather than the ranked branches of the old one", () => {
    expect(matchRoutes([{ id: "a", path: "a" }], "/a")?.[0]?.route.id).toBe("a");
    expect(matchRoutes([{ id: "b", path: "a" }], "/a")?.[0]?.route.id).toBe("b");
  });
});
