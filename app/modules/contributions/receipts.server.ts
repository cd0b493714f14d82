/**
 * Receipts as PDF (pdfkit, the house style of files/pdf.server.ts), in the reader's language,
 * right to left in Arabic. Who may read a receipt is RLS's decision (the donor, the LGU's admins
 * and treasurers).
 */
import { eq, sql } from "drizzle-orm";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { receipts } from "~/db/schema";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { MUTED, pdfWriter } from "~/modules/files/pdf.server";

export interface ReceiptData {
  number: string;
  receivedOn: Date;
  amountMinor: number;
  currency: string;
  donorName: string | null;
  reference: string;
  channel: string;
  projectTitle: Record<string, string>;
  projectSlug: string;
  lguName: string;
  lguEmail: string | null;
}

/** One receipt the caller may read (RLS), with what it prints; null otherwise. */
export async function readableReceipt(claims: JwtClaims, number: string): Promise<ReceiptData | null> {
  if (!/^[A-Z0-9-]{6,80}$/.test(number)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx.select({ id: receipts.id }).from(receipts).where(eq(receipts.number, number)),
  );
  if (!row) return null;
  // Visible under RLS: the rest (names, the project) is read as the server.
  const [data] = await asService((tx) =>
    tx.execute<{
      number: string; issued: string; amount_minor: string; currency: string; donor_name: string | null; reference: string; channel: string;
      project_title: Record<string, string>; project_slug: string; lgu_name: string; lgu_email: string | null;
    }>(sql`
      select r.number, e.occurred_at as issued, r.amount_minor, r.currency, pr.display_name as donor_name, c.reference, c.channel,
             p.title as project_title, p.slug as project_slug, l.name as lgu_name, l.contact_email as lgu_email
      from public.receipts r
      join public.contribution_events e on e.id = r.event_id
      join public.contributions c on c.id = r.contribution_id
      join public.projects p on p.id = c.project_id
      join public.lgus l on l.id = r.lgu_id
      left join public.profiles pr on pr.id = c.donor_id
      where r.id = ${row.id}`),
  );
  if (!data) return null;
  return {
    number: data.number,
    receivedOn: new Date(data.issued),
    amountMinor: Number(data.amount_minor),
    currency: data.currency,
    donorName: data.donor_name,
    reference: data.reference,
    channel: data.channel,
    projectTitle: data.project_title,
    projectSlug: data.project_slug,
    lguName: data.lgu_name,
    lguEmail: data.lgu_email,
  };
}

/** The receipt as a PDF, in `language`. */
export async function receiptPdf(receipt: ReceiptData, language: string, siteUrl: string): Promise<Buffer> {
  const t = await i18nServer.getFixedT(language, "giving");
  const { doc, line, field, finish } = pdfWriter(language, { Title: `${t("receipt.title")} ${receipt.number}`, Author: receipt.lguName });
  line(receipt.lguName, { size: 16, bold: true });
  line(t("receipt.issuedThrough"), { size: 9, color: MUTED, gap: 1 });
  line(t("receipt.title"), { size: 20, bold: true, gap: 1 });
  field(t("receipt.number"), receipt.number);
  field(t("receipt.receivedOn"), formatDate(receipt.receivedOn, language));
  field(t("receipt.from"), receipt.donorName ?? t("receipt.noName"));
  field(t("receipt.amount"), formatMoney(receipt.amountMinor, receipt.currency, language));
  field(t("receipt.for"), localized(receipt.projectTitle, language)?.text ?? receipt.projectSlug);
  field(t("receipt.how"), t(`channels.${receipt.channel}`));
  field(t("receipt.reference"), receipt.reference);
  doc.moveDown(1);
  line(t("receipt.thanks"), { size: 11, gap: 1 });
  line(t("receipt.ledger"), { size: 9, color: MUTED });
  line(`${siteUrl}/projects/${receipt.projectSlug}/ledger`, { size: 9, color: MUTED });
  if (receipt.lguEmail) line(t("receipt.contact", { email: receipt.lguEmail }), { size: 9, color: MUTED });
  return finish();
}

/** The receipts of one of the person's contributions (RLS), oldest first. */
export function receiptsOf(claims: JwtClaims, contributionId: string) {
  return withRls(claims, (tx) =>
    tx
      .select({ number: receipts.number, amountMinor: receipts.amountMinor, currency: receipts.currency, issuedAt: receipts.issuedAt })
      .from(receipts)
      .where(eq(receipts.contributionId, contributionId))
      .orderBy(receipts.issuedAt),
  );
}
