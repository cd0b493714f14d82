import jsQR from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { permitPdf, verificationQrPng, type PermitPdfData } from "../../app/modules/permits/permit-pdf.server";
import { pdfText } from "../support/pdf-text";

const permit: PermitPdfData = {
  lguName: "City Government of Naga",
  permitNumber: "NAGA-CITY-PERMIT-2026-000042",
  businessName: "Peñafrancia Bakery",
  lineOfBusiness: "Bakery and coffee shop",
  address: "12 Elias Angeles St., Naga City",
  ownerName: "María dela Cruz",
  validFrom: "2026-01-01",
  validUntil: "2026-12-31",
  issuedOn: "2026-01-15",
  verificationUrl: "https://tulay.test/services/permits/verify/NAGA-CITY-PERMIT-2026-000042?check=7f3a9c",
};

async function decodeQr(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data ?? null;
}

describe("the business permit PDF", () => {
  it("prints every field, the QR code and the verification URL", async () => {
    const pdf = await permitPdf(permit, "en", { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf).join("\n");
    for (const expected of [
      "City Government of Naga",
      "Business permit",
      "Permit number",
      "NAGA-CITY-PERMIT-2026-000042",
      "Peñafrancia Bakery",
      "Bakery and coffee shop",
      "12 Elias Angeles St., Naga City",
      "María dela Cruz",
      "January 1, 2026",
      "December 31, 2026",
      "January 15, 2026",
      permit.verificationUrl,
    ]) {
      expect(text).toContain(expected);
    }
    const source = pdf.toString("latin1");
    expect(source).toMatch(/\/Subtype \/Image/);
    // The printed URL is also a link.
    expect(source).toContain(`/URI (${permit.verificationUrl})`);
  });

  it("speaks the reader's language", async () => {
    const fil = pdfText(await permitPdf(permit, "fil", { compress: false })).join("\n");
    expect(fil).toContain("Numero ng permit");
    const fr = pdfText(await permitPdf(permit, "fr", { compress: false })).join("\n");
    expect(fr).toContain("Permis d’exploitation");
    expect(fr).toContain("1 janvier 2026");
  });

  it("sets Arabic in the Arabic font, right-aligned, with the QR on the right", async () => {
    const pdf = await permitPdf(permit, "ar", { compress: false });
    const source = pdf.toString("latin1");
    expect(source).toContain("NotoNaskhArabic");
    // The image is drawn at x = page width − right margin − 128 (595.28 − 56 − 128).
    expect(source).toMatch(/128 0 0 -128 411\.28 /);
    const en = (await permitPdf(permit, "en", { compress: false })).toString("latin1");
    expect(en).toMatch(/128 0 0 -128 56 /);
  });

  it("is compressed by default", async () => {
    const compressed = await permitPdf(permit, "en");
    expect(compressed.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(compressed.toString("latin1")).toContain("/FlateDecode");
  });

  it("encodes the verification URL in a QR code that decodes back to it", async () => {
    const png = await verificationQrPng(permit.verificationUrl);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await decodeQr(png)).toBe(permit.verificationUrl);
  });

  it("refuses a verification URL that is not http(s)", async () => {
    await expect(permitPdf({ ...permit, verificationUrl: "javascript:alert(1)" }, "en")).rejects.toThrow(RangeError);
    await expect(permitPdf({ ...permit, verificationUrl: "not a url" }, "en")).rejects.toThrow(RangeError);
    expect(() => verificationQrPng(`https://tulay.test/${"x".repeat(600)}`)).toThrow(RangeError);
  });
});

