/**
 * The ledger service every channel uses: opening a contribution with a readable reference,
 * recording a movement exactly once, and the database's refusals as LedgerRefusal reasons.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { LedgerRefusal, newReference, openContribution, recordMovement, refundableMinor } from "../../app/modules/contributions/ledger.server";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";

const db = setupTestDatabase();
let projectId: string;
let closedId: string;

beforeAll(async () => {
  setDbClient(db().client);
  const admin = await createUser(db().url);
  const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  projectId = (await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 500_000, currency: "PHP" })).id;
  closedId = (await createProject(db().url, lgu.id, { status: "completed", goalMinor: 500_000, currency: "PHP" })).id;
});

const open = (overrides: Partial<Parameters<typeof openContribution>[0]> = {}) =>
  openContribution({ projectId, donorId: null, kind: "pledge", channel: "bank_transfer", amountMinor: 10_000, currency: "PHP", anonymous: false, ...overrides });

describe("the ledger service", () => {
  it("references are readable and unambiguous", () => {
    for (let i = 0; i < 200; i++) expect(newReference()).toMatch(/^TUL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it("records a movement once, however often it is sent", async () => {
    const { id, reference } = await open();
    expect(reference).toMatch(/^TUL-/);
    expect(await recordMovement({ contributionId: id, type: "received", amountMinor: 9_500, source: "treasurer", externalId: `confirm-${id}` })).toEqual({ recorded: true });
    expect(await recordMovement({ contributionId: id, type: "received", amountMinor: 9_500, source: "treasurer", externalId: `confirm-${id}` })).toEqual({ recorded: false });
    expect(await refundableMinor(id)).toBe(9_500);
    const [funding] = await db().client.sql`select raised_minor from project_funding where project_id = ${projectId}`;
    expect(funding).toEqual({ raised_minor: "9500" });
  });

  it("answers the database's refusals with a reason", async () => {
    const { id } = await open();
    await recordMovement({ contributionId: id, type: "received", amountMinor: 1_000, source: "sandbox", externalId: `pay-${id}` });
    await expect(recordMovement({ contributionId: id, type: "refunded", amountMinor: 1_001, source: "treasurer", externalId: `refund-${id}` })).rejects.toEqual(
      new LedgerRefusal("ledger_refund_too_large"),
    );
    await expect(open({ projectId: closedId })).rejects.toEqual(new LedgerRefusal("project_not_raising"));
    await expect(open({ currency: "USD" })).rejects.toEqual(new LedgerRefusal("contribution_wrong_currency"));
    await expect(
      recordMovement({ contributionId: "00000000-0000-0000-0000-000000000000", type: "received", amountMinor: 1, source: "stripe", externalId: "evt_x" }),
    ).rejects.toEqual(new LedgerRefusal("unknown_contribution"));
  });
});
