/**
 * The business permit as a PDF, in the reader's language (right to left in Arabic), from a plain
 * data object: the caller loads the permit and decides who may have it. It carries a QR code of
 * the verification URL and the URL printed under it, so anyone holding the paper can check it is
 * genuine and still valid on the portal. Fonts, bidi and layout: files/pdf.server (the house style).
 */
import QRCode from "qrcode";
import { textDirection } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { MUTED, pdfWriter } from "~/modules/files/pdf.server";

export interface PermitPdfData {
  lguName: string;
  permitNumber: string;
  businessName: string;
  lineOfBusiness: string;
  address: string;
  ownerName: string;
  /** Calendar dates "YYYY-MM-DD" (or instants), printed in the reader's language. */
  validFrom: string | Date;
  validUntil: string | Date;
  issuedOn: string | Date;
  /** The public page that confirms the permit, e.g. https://tulay.example/services/permits/verify/… */
  verificationUrl: string;
}

export const QR_SIZE_POINTS = 128;

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError("permit PDF: the verification URL is not a URL");
  }
  if ((parsed.protocol !== "https:" && parsed.protocol !== "http:") || url.length > 500) throw new RangeError("permit PDF: the verification URL must be http(s) and short");
  return url;
}

/** The QR code of a URL as a PNG: error correction M, the standard four-module quiet zone. */
export function verificationQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(checkedUrl(url), { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 8 });
}

/** The permit as a PDF in `language`. `compress: false` keeps the text readable, for tests. */
export async function permitPdf(permit: PermitPdfData, language: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const url = checkedUrl(permit.verificationUrl);
  const [t, qr] = await Promise.all([i18nServer.getFixedT(language, "services"), verificationQrPng(url)]);
  const rtl = textDirection(language) === "rtl";
  const { doc, line, field, finish } = pdfWriter(language, { Title: `${t("permitPdf.title")} ${permit.permitNumber}`, Author: permit.lguName }, options);
  const date = (value: string | Date) => formatDate(value, language);

  line(permit.lguName, { size: 16, bold: true });
  line(t("permitPdf.issuedThrough"), { size: 9, color: MUTED, gap: 1 });
  line(t("permitPdf.title"), { size: 20, bold: true, gap: 1 });
  field(t("permitPdf.number"), permit.permitNumber);
  field(t("permitPdf.businessName"), permit.businessName);
  field(t("permitPdf.lineOfBusiness"), permit.lineOfBusiness);
  field(t("permitPdf.address"), permit.address);
  field(t("permitPdf.owner"), permit.ownerName);
  field(t("permitPdf.validFrom"), date(permit.validFrom));
  field(t("permitPdf.validUntil"), date(permit.validUntil));
  field(t("permitPdf.issuedOn"), date(permit.issuedOn));
  doc.moveDown(0.5);

  // The QR code on the reader's starting side, then the address under it.
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  if (doc.y + QR_SIZE_POINTS + 80 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  doc.image(qr, rtl ? right - QR_SIZE_POINTS : left, top, { width: QR_SIZE_POINTS, height: QR_SIZE_POINTS });
  doc.x = left;
  doc.y = top + QR_SIZE_POINTS + 6;
  line(t("permitPdf.verify"), { size: 9, color: MUTED });
  line(url, { size: 9, color: "#1a4d8f", link: url, gap: 1 });
  line(t("permitPdf.notice"), { size: 9, color: MUTED });
  return finish();
}
