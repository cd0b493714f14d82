/**
 * A donor's yearly statement: every movement of their money in a calendar year (UTC, as receipt
 * numbers count years): each gift received with the receipt the LGU issued for it, each refund,
 * and totals per currency that add up. The movements are read under the donor's own RLS and only
 * their own (not, say, an LGU treasurer's view of others' gifts); project and LGU names are then
 * read as the server for those rows alone, so a project the public can no longer see still prints.
 */
import { sql } from "drizzle-orm";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { MUTED, pdfWriter } from "~/modules/files/pdf.server";

export interface StatementEntry {
  type: "received" | "refunded";
  occurredAt: Date;
  amountMinor: number;
  currency: string;
  receiptNumber: string | null;
  reference: string;
  projectTitle: Record<string, string>;
  projectSlug: string;
  lguName: string;
}

export interface StatementTotal {
  currency: string;
  receivedMinor: number;
  refundedMinor: number;
  netMinor: number;
}

export interface YearlyStatement {
  year: number;
  donorName: string | null;
  donorEmail: string;
  entries: StatementEntry[];
  totals: StatementTotal[];
}

/** Years in which money of the person's moved (newest first), for the links on /me. */
export async function statementYears(claims: JwtClaims): Promise<number[]> {
  const rows = await withRls(claims, (tx) =>
    tx.execute<{ year: number }>(sql`
      select distinct extract(year from e.occurred_at at time zone 'utc')::integer as year
      from public.contribution_events e join public.contributions c on c.id = e.contribution_id
      where c.donor_id = (select auth.uid())
      order by 1 desc`),
  );
  return rows.map((r) => Number(r.year));
}

/** The statement of `year` for the signed-in person. */
export async function yearlyStatement(claims: JwtClaims, year: number, donor: { name: string | null; email: string }): Promise<YearlyStatement> {
  const from = `${year}-01-01T00:00:00Z`;
  const until = `${year + 1}-01-01T00:00:00Z`;
  const movements = await withRls(claims, (tx) =>
    tx.execute<{ id: string; type: "received" | "refunded"; occurred_at: string; amount_minor: string; currency: string; number: string | null; reference: string; project_id: string }>(sql`
      select e.id, e.type, e.occurred_at, e.amount_minor, e.currency, r.number, c.reference, c.project_id
      from public.contribution_events e
      join public.contributions c on c.id = e.contribution_id
      left join public.receipts r on r.event_id = e.id
      where c.donor_id = (select auth.uid()) and e.occurred_at >= ${from}::timestamptz and e.occurred_at < ${until}::timestamptz
      order by e.occurred_at, e.id`),
  );
  const projectIds = [...new Set(movements.map((m) => m.project_id))];
  const names = new Map<string, { title: Record<string, string>; slug: string; lgu: string }>();
  if (projectIds.length > 0) {
    const rows = await asService((tx) =>
      tx.execute<{ id: string; title: Record<string, string>; slug: string; lgu_name: string }>(sql`
        select p.id, p.title, p.slug, l.name as lgu_name from public.projects p join public.lgus l on l.id = p.lgu_id
        where p.id in (select unnest(${`{${projectIds.join(",")}}`}::uuid[]))`),
    );
    for (const row of rows) names.set(row.id, { title: row.title, slug: row.slug, lgu: row.lgu_name });
  }
  const entries: StatementEntry[] = movements.map((m) => {
    const project = names.get(m.project_id);
    return {
      type: m.type,
      occurredAt: new Date(m.occurred_at),
      amountMinor: Number(m.amount_minor),
      currency: m.currency,
      receiptNumber: m.number,
      reference: m.reference,
      projectTitle: project?.title ?? {},
      projectSlug: project?.slug ?? "",
      lguName: project?.lgu ?? "",
    };
  });
  return { year, donorName: donor.name, donorEmail: donor.email, entries, totals: statementTotals(entries) };
}

/** Received, refunded and net per currency, in the order the currencies first appear. */
export function statementTotals(entries: StatementEntry[]): StatementTotal[] {
  const totals = new Map<string, StatementTotal>();
  for (const entry of entries) {
    const total = totals.get(entry.currency) ?? { currency: entry.currency, receivedMinor: 0, refundedMinor: 0, netMinor: 0 };
    if (entry.type === "received") total.receivedMinor += entry.amountMinor;
    else total.refundedMinor += entry.amountMinor;
    total.netMinor = total.receivedMinor - total.refundedMinor;
    totals.set(entry.currency, total);
  }
  return [...totals.values()];
}

/** The statement as a PDF, in `language`. */
export async function statementPdf(statement: YearlyStatement, language: string, issuedOn: Date): Promise<Buffer> {
  const t = await i18nServer.getFixedT(language, "giving");
  const title = t("statement.title", { year: statement.year });
  const { line, field, rule, finish } = pdfWriter(language, { Title: title, Author: "Tulay" });
  line(title, { size: 20, bold: true, gap: 0.5 });
  line(t("statement.preparedBy"), { size: 9, color: MUTED, gap: 1 });
  field(t("statement.for"), statement.donorName ? `${statement.donorName} <${statement.donorEmail}>` : statement.donorEmail);
  field(t("statement.issuedOn"), formatDate(issuedOn, language));
  rule();
  if (statement.entries.length === 0) {
    line(t("statement.none", { year: statement.year }), { gap: 1 });
  }
  for (const entry of statement.entries) {
    const amount = formatMoney(entry.type === "received" ? entry.amountMinor : -entry.amountMinor, entry.currency, language);
    const heading = entry.type === "received" ? t("statement.received") : t("statement.refunded");
    line(`${formatDate(entry.occurredAt, language)} · ${heading}`, { size: 9, color: MUTED });
    line(localized(entry.projectTitle, language)?.text ?? entry.projectSlug, { size: 11 });
    line(entry.lguName, { size: 10 });
    line(amount, { size: 11, bold: true });
    line(
      entry.receiptNumber ? t("statement.receiptAndReference", { number: entry.receiptNumber, reference: entry.reference }) : t("statement.referenceOnly", { reference: entry.reference }),
      { size: 9, color: MUTED, gap: 0.6 },
    );
  }
  rule();
  for (const total of statement.totals) {
    line(t("statement.totals", { currency: total.currency }), { size: 12, bold: true });
    line(t("statement.totalReceived", { amount: formatMoney(total.receivedMinor, total.currency, language) }), { size: 10 });
    line(t("statement.totalRefunded", { amount: formatMoney(total.refundedMinor, total.currency, language) }), { size: 10 });
    line(t("statement.net", { amount: formatMoney(total.netMinor, total.currency, language) }), { size: 11, bold: true, gap: 0.6 });
  }
  line(t("statement.receiptsNote"), { size: 9, color: MUTED });
  return finish();
}
