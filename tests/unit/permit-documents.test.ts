import { describe, expect, it } from "vitest";
import {
  acceptAllScanner,
  checkPermitDocument,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DOCUMENT_CODES,
  eicarTestScanner,
  type DocumentScanner,
} from "../../app/modules/permits/documents.server";
import { safeEvidenceFilename, sniffEvidenceType } from "../../app/modules/files/documents.server";
import { safeDocumentFilename, sniffDocumentType } from "../../app/modules/files/sniff";

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const pdf = () => bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const png = () => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR");
const jpeg = () => bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF\0");
const eicar = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join("");

describe("sniffing documents by their first bytes", () => {
  it("recognises PDF, PNG and JPEG, whatever the name says", () => {
    expect(sniffDocumentType(pdf())).toEqual({ contentType: "application/pdf", extension: "pdf" });
    expect(sniffDocumentType(png())).toEqual({ contentType: "image/png", extension: "png" });
    expect(sniffDocumentType(jpeg())).toEqual({ contentType: "image/jpeg", extension: "jpg" });
  });

  it("refuses everything else, including near misses and short files", () => {
    for (const other of [
      bytes("%PDF is what this text pretends to be"),
      bytes("<html><script>alert(1)</script>"),
      bytes("MZ\x90\x00"), // a Windows program
      bytes("PK\x03\x04"), // a zip (docx, xlsx)
      bytes("GIF89a"),
      bytes([0x89, 0x50, 0x4e, 0x47]),
      bytes([0xff, 0xd8]),
      bytes(" %PDF-1.7"),
      new Uint8Array(),
    ]) {
      expect(sniffDocumentType(other)).toBeNull();
    }
  });

  it("is the same check evidence uploads use", () => {
    expect(sniffEvidenceType).toBe(sniffDocumentType);
    const type = sniffDocumentType(pdf())!;
    expect(safeEvidenceFilename("قرار.exe", type)).toBe("evidence.pdf");
    expect(safeDocumentFilename("قرار.exe", type)).toBe("document.pdf");
    expect(safeDocumentFilename("../../etc/Résolution n°14.PDF", type)).toBe("Resolution-n-14.pdf");
  });
});

describe("checking a permit document", () => {
  it("accepts a PDF, a PNG and a JPEG, naming them by their real type", async () => {
    expect(await checkPermitDocument({ name: "DTI registration.PDF", bytes: pdf() })).toEqual({
      ok: true,
      type: { contentType: "application/pdf", extension: "pdf" },
      filename: "DTI-registration.pdf",
      size: pdf().byteLength,
    });
    expect(await checkPermitDocument({ name: "photo.jpeg", bytes: png() })).toMatchObject({ ok: true, filename: "photo.png" });
    expect(await checkPermitDocument({ name: "lease", bytes: jpeg() })).toMatchObject({ ok: true, filename: "lease.jpg" });
  });

  it("refuses a program renamed to .pdf, an empty file and an oversize one", async () => {
    expect(await checkPermitDocument({ name: "permit.pdf", bytes: bytes("MZ\x90\x00\x03") })).toEqual({ ok: false, code: "documents.type_not_allowed" });
    expect(await checkPermitDocument({ name: "permit.pdf", bytes: new Uint8Array() })).toEqual({ ok: false, code: "documents.empty" });
    const big = new Uint8Array(DEFAULT_MAX_DOCUMENT_BYTES + 1);
    big.set(pdf());
    expect(await checkPermitDocument({ name: "big.pdf", bytes: big })).toEqual({ ok: false, code: "documents.too_large" });
    const exact = new Uint8Array(DEFAULT_MAX_DOCUMENT_BYTES);
    exact.set(pdf());
    expect(await checkPermitDocument({ name: "exact.pdf", bytes: exact })).toMatchObject({ ok: true });
  });

  it("takes a configured size cap", async () => {
    expect(await checkPermitDocument({ name: "a.pdf", bytes: pdf() }, { maxBytes: 10 })).toEqual({ ok: false, code: "documents.too_large" });
  });

  it("checks size before reading the type, and type before the scan", async () => {
    let scanned = 0;
    const counting: DocumentScanner = { scan: async () => (scanned++, { clean: true }) };
    await checkPermitDocument({ name: "x.pdf", bytes: bytes("MZ") }, { scanner: counting });
    await checkPermitDocument({ name: "x.pdf", bytes: pdf() }, { scanner: counting, maxBytes: 1 });
    expect(scanned).toBe(0);
  });

  it("refuses what the scanner flags (the EICAR test string inside a PDF)", async () => {
    const infected = bytes("%PDF-1.4\n", eicar, "\n%%EOF");
    expect(await checkPermitDocument({ name: "a.pdf", bytes: infected }, { scanner: eicarTestScanner })).toEqual({
      ok: false,
      code: "documents.infected",
      signature: "EICAR-Test-File",
    });
    expect(await checkPermitDocument({ name: "a.pdf", bytes: pdf() }, { scanner: eicarTestScanner })).toMatchObject({ ok: true });
    // The default hook has no engine and accepts it.
    expect(await checkPermitDocument({ name: "a.pdf", bytes: infected })).toMatchObject({ ok: true });
    expect(await acceptAllScanner.scan(infected)).toEqual({ clean: true });
  });

  it("fails closed when the scanner breaks", async () => {
    const broken: DocumentScanner = { scan: async () => Promise.reject(new Error("clamd is down")) };
    const nonsense = { scan: async () => undefined } as unknown as DocumentScanner;
    expect(await checkPermitDocument({ name: "a.pdf", bytes: pdf() }, { scanner: broken })).toEqual({ ok: false, code: "documents.scan_failed" });
    expect(await checkPermitDocument({ name: "a.pdf", bytes: pdf() }, { scanner: nonsense })).toEqual({ ok: false, code: "documents.scan_failed" });
  });

  it("only returns codes it declares", async () => {
    const results = await Promise.all([
      checkPermitDocument({ name: "", bytes: new Uint8Array() }),
      checkPermitDocument({ name: "", bytes: bytes("x") }),
      checkPermitDocument({ name: "", bytes: pdf() }, { maxBytes: 1 }),
    ]);
    for (const result of results) if (!result.ok) expect(DOCUMENT_CODES).toContain(result.code);
  });
});
