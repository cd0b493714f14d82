/**
 * Demo permit types: Naga City's new business permit (fee by declared capital, in brackets, as
 * Philippine local business tax tables read) and its renewal (by last year's gross sales), with
 * the documents each asks for. Idempotent: keyed by (LGU, slug); requirements replaced on each run
 * unless applications already point at them. Runs as the database owner.
 */
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { validateFeeSchedule } from "~/modules/permits/fees";
import type { LocalizedText } from "./schema";
import type * as schema from "./schema";

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];

interface PermitTypeSeed {
  lgu: string;
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  schedule: unknown;
  processingDays: number;
  requirements: { label: LocalizedText; mandatory: boolean }[];
}

const brackets = (figure: string) => ({
  kind: "bracketed",
  currency: "PHP",
  figure,
  brackets: [
    { fromMinor: 0, toMinor: 30_000_000, fixedMinor: 50_000 },
    { fromMinor: 30_000_000, toMinor: 100_000_000, fixedMinor: 150_000, rateBasisPoints: 50 },
    { fromMinor: 100_000_000, toMinor: null, fixedMinor: 500_000, rateBasisPoints: 37.5 },
  ],
});

const seeds: PermitTypeSeed[] = [
  {
    lgu: "naga-city",
    slug: "new-business",
    name: { en: "Business permit (new business)", fil: "Business permit (bagong negosyo)", es: "Permiso de negocio (nuevo)", fr: "Permis d'exploitation (nouvelle entreprise)", ar: "رخصة تجارية (نشاط جديد)" },
    description: {
      en: "For a business opening in Naga City. The fee follows the capital you declare.",
      fil: "Para sa negosyong magbubukas sa Lungsod ng Naga. Nakabatay ang bayad sa idedeklarang puhunan.",
    },
    schedule: brackets("capital"),
    processingDays: 5,
    requirements: [
      { label: { en: "DTI, SEC or CDA registration", fil: "Rehistro sa DTI, SEC o CDA" }, mandatory: true },
      { label: { en: "Barangay business clearance", fil: "Barangay business clearance" }, mandatory: true },
      { label: { en: "Lease contract or proof of ownership of the place", fil: "Kontrata ng upa o patunay ng pagmamay-ari ng lugar" }, mandatory: false },
    ],
  },
  {
    lgu: "naga-city",
    slug: "renewal",
    name: { en: "Business permit renewal", fil: "Pag-renew ng business permit", es: "Renovación del permiso de negocio", fr: "Renouvellement du permis d'exploitation", ar: "تجديد الرخصة التجارية" },
    description: { en: "Renew last year's permit. The fee follows last year's gross sales.", fil: "I-renew ang permit noong nakaraang taon. Nakabatay ang bayad sa kabuuang benta noong nakaraang taon." },
    schedule: brackets("gross_sales"),
    processingDays: 3,
    requirements: [
      { label: { en: "Last year's business permit", fil: "Business permit noong nakaraang taon" }, mandatory: true },
      { label: { en: "Financial statement or sworn declaration of gross sales", fil: "Financial statement o sinumpaang salaysay ng kabuuang benta" }, mandatory: true },
    ],
  },
];

export async function seedPermits(tx: Tx): Promise<number> {
  for (const seed of seeds) {
    const checked = validateFeeSchedule(seed.schedule);
    if (!checked.ok) throw new Error(`seed: permit type ${seed.slug} has an invalid fee schedule: ${JSON.stringify(checked.issues)}`);
    const [type] = await tx.execute<{ id: string }>(sql`
      insert into permit_types (lgu_id, slug, name, description, fee_schedule, currency, processing_days)
      select id, ${seed.slug}, ${JSON.stringify(seed.name)}::jsonb, ${JSON.stringify(seed.description)}::jsonb, ${JSON.stringify(checked.schedule)}::jsonb, 'PHP', ${seed.processingDays}
      from lgus where slug = ${seed.lgu}
      on conflict (lgu_id, slug) do update set name = excluded.name, description = excluded.description, fee_schedule = excluded.fee_schedule,
        processing_days = excluded.processing_days, updated_at = now()
      returning id`);
    if (!type) continue;
    const used = await tx.execute(sql`select 1 from permit_documents d join permit_requirements r on r.id = d.requirement_id where r.permit_type_id = ${type.id} limit 1`);
    if (used.length > 0) continue;
    await tx.execute(sql`delete from permit_requirements where permit_type_id = ${type.id}`);
    for (const [position, requirement] of seed.requirements.entries()) {
      await tx.execute(sql`insert into permit_requirements (permit_type_id, label, mandatory, position)
        values (${type.id}, ${JSON.stringify(requirement.label)}::jsonb, ${requirement.mandatory}, ${position})`);
    }
  }
  return seeds.length;
}
