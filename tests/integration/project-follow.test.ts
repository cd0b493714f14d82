import { beforeAll, describe, expect, it } from "vitest";
import type { EmailMessage } from "../../app/adapters/email/port";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { seedDemo } from "../../app/db/seed.server";
import { follow, isFollowing, listNotifications, markAllRead, postUpdate, unfollow } from "../../app/modules/projects/follow.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createUser } from "../support/factories";

const db = setupTestDatabase();
const sent: EmailMessage[] = [];

describe("following a project and hearing about its updates", () => {
  let naga: string;
  let editor: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    setDbClient(db().client);
    setAdapters({ email: { name: "outbox", send: async (message) => void sent.push(message) } });
    await seedDemo(db().url);
    [{ id: naga }] = (await db().client.sql`select id from lgus where slug = 'naga-city'`) as unknown as [{ id: string }];
    editor = await createUser(db().url);
    await addLguRole(db().url, naga, editor.id, "editor");
  });

  it("followers get an in-app notification and an email in their language; others get nothing", async () => {
    const follower = await createUser(db().url, { displayName: "Follower" });
    await db().client.sql`update profiles set preferred_locale = 'fil' where id = ${follower.id}`;
    const bystander = await createUser(db().url);
    await follow(follower.claims, "naga-river-revitalisation");
    await follow(follower.claims, "naga-river-revitalisation"); // twice is once
    expect(await isFollowing(follower.claims, "naga-river-revitalisation")).toBe(true);

    const told = await postUpdate(editor.claims, naga, "naga-river-revitalisation", { language: "en", body: "The riverside walk is half built." }, "http://portal.test");
    expect(told).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: follower.email, template: "project-update" });
    expect(sent[0]!.text).toContain("http://portal.test/projects/naga-river-revitalisation");
    expect(sent[0]!.text).toContain("The riverside walk is half built.");
    expect(sent[0]!.subject).toContain("Pagbuhay muli sa Ilog Naga");

    const notes = await listNotifications(follower.claims);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "project_update", readAt: null, data: { projectSlug: "naga-river-revitalisation" } });
    expect(await listNotifications(bystander.claims)).toEqual([]);
    await markAllRead(follower.claims);
    expect((await listNotifications(follower.claims))[0]!.readAt).not.toBeNull();

    await unfollow(follower.claims, "naga-river-revitalisation");
    await postUpdate(editor.claims, naga, "naga-river-revitalisation", { language: "en", body: "Nobody hears about this one." }, "http://portal.test");
    expect(sent).toHaveLength(1);
  });

  it("nobody can follow a draft they cannot see, and only the LGU's editors post updates", async () => {
    const member = await createUser(db().url);
    await expect(follow(member.claims, "batangas-school-buildings")).rejects.toMatchObject({ status: 404 });
    await expect(
      postUpdate(member.claims, naga, "naga-river-revitalisation", { language: "en", body: "Pretending to be the city." }, "http://portal.test"),
    ).rejects.toMatchObject({ status: 403 });
    const [row] = await db().client.sql`select count(*)::int as n from project_updates where body ->> 'en' = 'Pretending to be the city.'`;
    expect(row?.n).toBe(0);
  });
});
