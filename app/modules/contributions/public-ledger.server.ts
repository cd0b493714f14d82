/**
 * A project's public ledger: every gift received, every refund and every spending report, newest
 * first, from the database's public_project_ledger() (which decides what the public may see and
 * whose names may show), with totals computed from those same rows, so they add up by
 * construction, and checked against the project's derived totals.
 */
import { eq, sql } from "drizzle-orm";
import { withRls } from "~/db/client.server";
import { projectFunding, projects } from "~/db/schema";
import { csvCell } from "~/modules/files/csv";

export interface LedgerRow {
  kind: "received" | "refunded" | "spent";
  occurredOn: string;
  amountMinor: number;
  currency: string;
  donorName: string | null;
  channel: string | null;
  detail: string | null;
  id: string;
}

export async function publicLedger(slug: string) {
  return withRls(null, async (tx) => {
    const [project] = await tx
      .select({ id: projects.id, slug: projects.slug, title: projects.title, currency: projects.currency, raisedMinor: projectFunding.raisedMinor })
      .from(projects)
      .innerJoin(projectFunding, eq(projectFunding.projectId, projects.id))
      .where(eq(projects.slug, slug));
    if (!project) return null;
    const raw = await tx.execute<{
      kind: LedgerRow["kind"];
      occurred_on: string;
      amount_minor: string;
      currency: string;
      donor_name: string | null;
      channel: string | null;
      detail: string | null;
      reference_id: string;
    }>(sql`select * from public.public_project_ledger(${project.id})`);
    const rows: LedgerRow[] = raw.map((r) => ({
      kind: r.kind,
      occurredOn: r.occurred_on,
      amountMinor: Number(r.amount_minor),
      currency: r.currency,
      donorName: r.donor_name,
      channel: r.channel,
      detail: r.detail,
      id: r.reference_id,
    }));
    const sum = (kind: LedgerRow["kind"]) => rows.filter((r) => r.kind === kind).reduce((total, r) => total + r.amountMinor, 0);
    const received = sum("received");
    const refunded = sum("refunded");
    const spent = sum("spent");
    return {
      project,
      rows,
      totals: { received, refunded, raised: received - refunded, spent, balance: received - refunded - spent },
      /** The rows add up to the project's derived total (always, unless something is badly wrong). */
      reconciles: received - refunded === project.raisedMinor,
    };
  });
}

/** The ledger as CSV: one row per movement, amounts in minor units and as decimals, then totals. */
export function ledgerCsv(rows: LedgerRow[], digits: number): string {
  const decimal = (minor: number) => (digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits));
  const lines = [["date", "kind", "amount", "amount_minor_units", "currency", "donor", "channel", "paid_to", "id"].join(",")];
  for (const r of rows) {
    const signed = r.kind === "received" ? r.amountMinor : -r.amountMinor;
    lines.push([r.occurredOn, r.kind, { computed: decimal(signed) }, signed, r.currency, r.donorName, r.channel, r.detail, r.id].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
