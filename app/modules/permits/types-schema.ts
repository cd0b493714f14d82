/** The permits officer's form for a permit type (shared by the browser and the server). */
import { z } from "zod";
import { parseMajorUnits } from "~/modules/money/major-units";
import { feeFigures, validateFeeSchedule, type FeeSchedule } from "./fees";

const lines = (value: string | undefined) =>
  (value ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const optionalText = (max: number) => z.string().trim().max(max, "permits:types.validation.tooLong").optional();

const fields = {
    slug: z
      .string({ required_error: "permits:types.validation.slug" })
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "permits:types.validation.slug")
      .max(80, "permits:types.validation.slug"),
    nameEn: z.string({ required_error: "permits:types.validation.name" }).trim().min(3, "permits:types.validation.name").max(200, "permits:types.validation.name"),
    nameFil: optionalText(200),
    nameEs: optionalText(200),
    nameFr: optionalText(200),
    nameAr: optionalText(200),
    descriptionEn: optionalText(2000),
    descriptionFil: optionalText(2000),
    descriptionEs: optionalText(2000),
    descriptionFr: optionalText(2000),
    descriptionAr: optionalText(2000),
    currency: z.string({ required_error: "permits:types.validation.currency" }).trim().regex(/^[A-Z]{3}$/, "permits:types.validation.currency"),
    processingDays: z.coerce.number({ invalid_type_error: "permits:types.validation.days" }).int("permits:types.validation.days").min(1, "permits:types.validation.days").max(365, "permits:types.validation.days"),
    validityMonths: z.coerce.number({ invalid_type_error: "permits:types.validation.months" }).int("permits:types.validation.months").min(1, "permits:types.validation.months").max(60, "permits:types.validation.months"),
    feeKind: z.enum(["fixed", "bracketed"], { errorMap: () => ({ message: "permits:types.validation.feeKind" }) }),
    fixedAmount: z.string().trim().optional(),
    figure: z.enum(feeFigures).optional(),
    brackets: z.string().optional(),
    required: z.string({ required_error: "permits:types.validation.required" }).max(5000, "permits:types.validation.tooLong"),
    optional: z.string().max(5000, "permits:types.validation.tooLong").optional(),
};

const labelsFit = (form: { required?: string; optional?: string }, ctx: z.RefinementCtx) => {
  if ([...lines(form.required), ...lines(form.optional)].some((l) => l.length > 300)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["required"], message: "permits:types.validation.tooLong" });
  }
};

/** A new type: at least one required document. */
export const permitTypeSchema = z.object(fields).superRefine((form, ctx) => {
  if (lines(form.required).length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["required"], message: "permits:types.validation.required" });
  labelsFit(form, ctx);
});

/**
 * A change to an existing type: its slug and currency stay (applications refer to them); the
 * document lists add documents, and `remove` names requirements to drop (only those no upload uses).
 */
export const permitTypeEditSchema = z
  .object({
    ...fields,
    id: z.string().uuid("permits:errors.unreadable"),
    required: z.string().max(5000, "permits:types.validation.tooLong").optional(),
    remove: z.array(z.string().uuid("permits:errors.unreadable")).optional(),
  })
  .superRefine(labelsFit);

export type PermitTypeForm = z.infer<typeof permitTypeSchema>;
export type PermitTypeEditForm = z.infer<typeof permitTypeEditSchema>;

/**
 * The fee schedule the form describes: a fixed amount, or brackets written one per line as
 * "from; to; fixed fee; rate %" in major units ("to" left empty on the last line). Problems come back
 * as [field, message key].
 */
export function scheduleFromForm(form: Pick<PermitTypeForm, "feeKind" | "fixedAmount" | "figure" | "brackets" | "currency">, digits: number): { ok: true; schedule: FeeSchedule } | { ok: false; field: string; message: string } {
  const money = (text: string | undefined) => {
    if (!text || !text.trim()) return { ok: true as const, minor: null };
    const parsed = parseMajorUnits(text.trim(), digits);
    return parsed.ok ? { ok: true as const, minor: parsed.minor } : { ok: false as const, code: parsed.code };
  };
  if (form.feeKind === "fixed") {
    const amount = money(form.fixedAmount);
    if (!amount.ok) return { ok: false, field: "fixedAmount", message: `services:${amount.code}` };
    if (amount.minor === null) return { ok: false, field: "fixedAmount", message: "services:money.required" };
    const checked = validateFeeSchedule({ kind: "fixed", currency: form.currency, amountMinor: amount.minor });
    return checked.ok ? checked : { ok: false, field: "fixedAmount", message: `services:${checked.issues[0]!.code}` };
  }
  const brackets = [];
  for (const [index, line] of lines(form.brackets).entries()) {
    const [from, to, fixed, rate] = line.split(";").map((part) => part.trim());
    const parts = [money(from), money(to), money(fixed)];
    const bad = parts.find((p) => !p.ok);
    if (bad && !bad.ok) return { ok: false, field: "brackets", message: `services:${bad.code}` };
    const rateBasisPoints = rate ? Number(rate.replace(",", ".")) * 100 : undefined;
    if (rate && (!Number.isFinite(rateBasisPoints) || rateBasisPoints! < 0)) return { ok: false, field: "brackets", message: "services:fees.rate_invalid" };
    brackets.push({
      fromMinor: (parts[0] as { minor: number | null }).minor ?? (index === 0 ? 0 : NaN),
      toMinor: (parts[1] as { minor: number | null }).minor,
      ...((parts[2] as { minor: number | null }).minor !== null ? { fixedMinor: (parts[2] as { minor: number }).minor } : {}),
      ...(rateBasisPoints ? { rateBasisPoints: Math.round(rateBasisPoints * 100) / 100 } : {}),
    });
  }
  const checked = validateFeeSchedule({ kind: "bracketed", currency: form.currency, figure: form.figure, brackets });
  return checked.ok ? checked : { ok: false, field: "brackets", message: `services:${checked.issues[0]!.code}` };
}

export const requirementLines = (form: { required?: string; optional?: string }) => [
  ...lines(form.required).map((label) => ({ label, mandatory: true })),
  ...lines(form.optional).map((label) => ({ label, mandatory: false })),
];

/** The form's text for a stored schedule (major units, "from; to; fixed; rate %" lines), to edit it. */
export function scheduleToForm(schedule: FeeSchedule | null, toMajor: (minor: number) => string) {
  if (!schedule) return { feeKind: "fixed", fixedAmount: "", figure: "capital", brackets: "" };
  if (schedule.kind === "fixed") return { feeKind: "fixed", fixedAmount: toMajor(schedule.amountMinor), figure: "capital", brackets: "" };
  return {
    feeKind: "bracketed",
    fixedAmount: "",
    figure: schedule.figure,
    brackets: schedule.brackets
      .map((b) => [toMajor(b.fromMinor), b.toMinor === null ? "" : toMajor(b.toMinor), b.fixedMinor ? toMajor(b.fixedMinor) : "", b.rateBasisPoints ? String(b.rateBasisPoints / 100) : ""].join("; ").replace(/(; )+$/, ""))
      .join("\n"),
  };
}
