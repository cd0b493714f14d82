/**
 * The official receipt of a property tax payment as a PDF in the house style (files/pdf.server),
 * in the reader's language.
 */
import { formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { MUTED, pdfWriter } from "~/modules/files/pdf.server";
import type { taxReceipt } from "./payments.server";

type Receipt = NonNullable<Awaited<ReturnType<typeof taxReceipt>>>;

export async function taxReceiptPdf(receipt: Receipt, lgu: { name: string }, language: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const t = await i18nServer.getFixedT(language, "tax");
  const { payment, assessment } = receipt;
  const { line, field, rule, finish } = pdfWriter(language, { Title: `${t("receipt.title")} ${payment.receiptNumber}`, Author: lgu.name }, options);
  line(lgu.name, { size: 11, bold: true });
  line(t("receipt.issuedThrough"), { size: 9, color: MUTED, gap: 1 });
  line(t("receipt.title"), { size: 20, bold: true, gap: 1 });
  field(t("receipt.number"), payment.receiptNumber);
  field(t("receipt.paidAt"), formatDateTime(payment.paidAt, language, "Asia/Manila"));
  field(t("receipt.amount"), formatMoney(payment.amountMinor, payment.currency, language));
  if (assessment) {
    field(t("lookup.declaration"), assessment.taxDeclarationNumber);
    field(t("lookup.location"), assessment.propertyLocation);
    field(t("lookup.dueDate"), formatDate(assessment.dueDate, language));
    field(t("lookup.taxDue"), formatMoney(assessment.taxDueMinor, payment.currency, language));
  }
  field(t("receipt.channel"), t(`channels.${payment.channel}`));
  rule();
  if (payment.channel === "sandbox") line(t("receipt.sandbox"), { size: 10, bold: true, gap: 1 });
  line(t("receipt.keep"), { size: 9, color: MUTED });
  return finish();
}
