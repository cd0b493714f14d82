/**
 * The digest's pages: the topics on /me/settings (a plain form), and the one-click unsubscribe
 * link from the email: GET only asks, POST (ours or the mail client's RFC 8058 one-click) acts
 * without a session; a tampered, moved or revoked link is refused and changes nothing.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import {
  linkKeysFor,
  revokeUnsubscribeLinks,
  unsubscribeUrl,
} from "../../app/modules/digest/links.server";
import { subscribedTopics } from "../../app/modules/digest/preferences.server";
import * as unsubscribe from "../../app/routes/digest.unsubscribe";
import * as settings from "../../app/routes/me.settings";
import { setupTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
const optOuts = async (memberId: string) =>
  (
    await db().client.db.execute(
      sql`select topic from digest_opt_outs where profile_id = ${memberId}::uuid order by topic`
    )
  ).map((row) => (row as { topic: string }).topic);
const claimsOf = (id: string) => ({ sub: id, role: "authenticated" as const });

beforeAll(() => {
  setDbClient(db().client);
  setAdapters({ email: { name: "outbox", send: async () => {} } });
});

describe("digest topics in /me/settings", () => {
  it("lists every topic ticked at first, keeps what is ticked, and refuses an unknown topic", async () => {
    const member = await signedIn("digest.settings@example.org");
    const page = await answer(() =>
      settings.loader({
        request: new Request(url("/me/settings"), {
          headers: { Cookie: member.cookie },
        }),
        params: {},
        context,
      })
    );
    expect(await page.json()).toMatchObject({
      digestTopics: [
        "followed_updates",
        "skill_needs",
        "jobs",
        "opportunities",
      ],
    });

    const saved = await answer(() =>
      settings.action({
        request: post("/me/settings", member.cookie, {
          intent: "digest",
          topics: "skill_needs",
        }),
        params: {},
        context,
      })
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/me/settings#digest");
    expect(await subscribedTopics(claimsOf(member.id))).toEqual([
      "skill_needs",
    ]);

    const form = new URLSearchParams([
      ["intent", "digest"],
      ["topics", "followed_updates"],
      ["topics", "jobs"],
    ]);
    const both = new Request(url("/me/settings"), {
      method: "POST",
      headers: {
        Cookie: member.cookie,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: form,
    });
    expect(
      (
        await answer(() =>
          settings.action({ request: both, params: {}, context })
        )
      ).status
    ).toBe(302);
    expect(await subscribedTopics(claimsOf(member.id))).toEqual([
      "followed_updates",
      "jobs",
    ]);

    const bad = await answer(() =>
      settings.action({
        request: post("/me/settings", member.cookie, {
          intent: "digest",
          topics: "gossip",
        }),
        params: {},
        context,
      })
    );
    expect(bad.status).toBe(400);
    expect(await subscribedTopics(claimsOf(member.id))).toEqual([
      "followed_updates",
      "jobs",
    ]);

    // Nothing ticked: no digest at all.
    expect(
      (
        await answer(() =>
          settings.action({
            request: post("/me/settings", member.cookie, { intent: "digest" }),
            params: {},
            context,
          })
        )
      ).status
    ).toBe(302);
    expect(await subscribedTopics(claimsOf(member.id))).toEqual([]);
  });
});

describe("one-click unsubscribe", () => {
  let member: Awaited<ReturnType<typeof createUser>>;
  let other: Awaited<ReturnType<typeof createUser>>;
  let key: string;
  const linkFor = (
    scope: Parameters<typeof unsubscribeUrl>[3],
    memberId = member.id,
    withKey = key
  ) => unsubscribeUrl("http://127.0.0.1:3000", withKey, memberId, scope);
  const get = (link: string) =>
    answer(() =>
      unsubscribe.loader({ request: new Request(link), params: {}, context })
    );
  // What a mail client sends for List-Unsubscribe-Post: no cookie, the RFC 8058 body.
  const oneClick = (link: string) =>
    answer(() =>
      unsubscribe.action({
        request: new Request(link, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        params: {},
        context,
      })
    );

  beforeAll(async () => {
    member = await createUser(db().url);
    other = await createUser(db().url);
    const keys = await db().client.asService((tx) =>
      linkKeysFor(tx, [member.id, other.id])
    );
    key = keys.get(member.id)!;
  });

  it("GET only asks; POST without a session unsubscribes from that topic", async () => {
    const link = linkFor("skill_needs");
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ valid: true, scope: "skill_needs" });
    expect(await optOuts(member.id)).toEqual([]);

    const done = await oneClick(link);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ done: true, scope: "skill_needs" });
    expect(await optOuts(member.id)).toEqual(["skill_needs"]);
    // Twice is once.
    expect((await oneClick(link)).status).toBe(200);
    expect(await optOuts(member.id)).toEqual(["skill_needs"]);
  });

  it("refuses a tampered link: another signature, another topic, another member, a malformed one", async () => {
    const genuine = new URL(linkFor("followed_updates"));
    const tampered = [
      (() => {
        const u = new URL(genuine);
        const s = u.searchParams.get("s")!;
        u.searchParams.set("s", (s[0] === "A" ? "B" : "A") + s.slice(1));
        return u;
      })(),
      (() => {
        const u = new URL(genuine);
        u.searchParams.set("t", "all");
        return u;
      })(),
      (() => {
        const u = new URL(genuine);
        u.searchParams.set("m", other.id);
        return u;
      })(),
      (() => {
        const u = new URL(genuine);
        u.searchParams.set("t", "gossip");
        return u;
      })(),
      (() => {
        const u = new URL(genuine);
        u.searchParams.delete("s");
        return u;
      })(),
      new URL(linkFor("followed_updates", member.id, "0".repeat(64))),
    ];
    for (const link of tampered) {
      expect((await get(link.toString())).status, link.toString()).toBe(400);
      const refused = await oneClick(link.toString());
      expect(refused.status, link.toString()).toBe(400);
      expect(await refused.json()).toEqual({ done: false, scope: null });
    }
    expect(await optOuts(member.id)).toEqual(["skill_needs"]);
    expect(await optOuts(other.id)).toEqual([]);
  });

  it("the whole-digest link opts out of every topic; replacing the key revokes every link", async () => {
    const all = linkFor(
      "all",
      other.id,
      (await db().client.asService((tx) => linkKeysFor(tx, [other.id]))).get(
        other.id
      )!
    );
    await revokeUnsubscribeLinks(other.id);
    expect((await oneClick(all)).status).toBe(400);
    expect(await optOuts(other.id)).toEqual([]);
    const fresh = linkFor(
      "all",
      other.id,
      (await db().client.asService((tx) => linkKeysFor(tx, [other.id]))).get(
        other.id
      )!
    );
    expect((await oneClick(fresh)).status).toBe(200);
    expect(await optOuts(other.id)).toEqual([
      "followed_updates",
      "skill_needs",
      "jobs",
      "opportunities",
    ]);
  });
});
