/**
 * Demo projects from the source material: Naga City's scholarships and Naga River revitalisation,
 * Intipucá's water system with 3x1-style co-funding, Taliouine's saffron cooperative, and a draft in
 * Batangas. Idempotent: keyed by slug, children replaced on each run. Runs as the database owner.
 */
import { eq, sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { LocalizedText } from "./schema";
import * as schema from "./schema";

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];
type Status = (typeof schema.projectStatus.enumValues)[number];
type Sector = (typeof schema.projectSector.enumValues)[number];

interface ProjectSeed {
  slug: string;
  lgu: string;
  place: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  sector: Sector;
  sdgGoals: number[];
  goalMinor: number;
  currency: string;
  startsOn: string;
  endsOn: string;
  status: Status;
  planReference?: string;
  implementingPartner?: string;
  budget: { label: LocalizedText; amountMinor: number }[];
  needs: {
    kind: "money" | "skill" | "in_kind";
    description: LocalizedText;
    amountMinor?: number;
    skill?: string;
    quantity?: number;
    mode?: "remote" | "on_site" | "either";
    startsOn?: string;
    endsOn?: string;
    language?: string;
    expertMission?: boolean;
  }[];
  milestones: { title: LocalizedText; targetDate: string; status: "planned" | "in_progress" | "done"; completedOn?: string }[];
  cofunders?: { kind: "national_agency" | "province" | "municipality" | "company" | "other"; name: string; ratioMatched: number; ratioGiven: number; capMinor: number }[];
  updates?: { body: LocalizedText; publishedAt: string }[];
  spending?: { budgetLine: number; amountMinor: number; spentOn: string; payee: string; category: string }[];
  /** Offline gifts a treasurer confirmed (bank transfers, remittance centres), in the project's currency. */
  gifts?: { amountMinor: number; channel: "bank_transfer" | "remittance" | "cash"; on: string; anonymous?: boolean }[];
}

export const demoProjects: ProjectSeed[] = [
  {
    slug: "naga-scholarships-2027",
    lgu: "naga-city",
    place: "PH-NAGA",
    title: { en: "Scholarships for poor but deserving students", fil: "Iskolarsip para sa mahihirap ngunit karapat-dapat na mag-aaral" },
    summary: {
      en: "Tuition, books and a monthly allowance for 40 college students from Naga's poorest barangays.",
      fil: "Matrikula, aklat at buwanang allowance para sa 40 estudyante sa kolehiyo mula sa pinakamahihirap na barangay ng Naga.",
    },
    description: {
      en: "Each scholar is chosen by a public panel from the city's social welfare list.\n\nThe city pays half of every scholarship; diaspora gifts pay the rest, and every peso is reported on this page.",
      fil: "Pinipili ang bawat iskolar ng isang pampublikong panel mula sa listahan ng social welfare ng lungsod.\n\nKalahati ng bawat iskolarsip ay binabayaran ng lungsod; ang natitira ay mula sa mga donasyon ng diaspora, at iniuulat dito ang bawat piso.",
    },
    sector: "education",
    sdgGoals: [4, 10],
    goalMinor: 240_000_000,
    currency: "PHP",
    startsOn: "2027-06-01",
    endsOn: "2028-05-31",
    status: "fundraising",
    gifts: [{ amountMinor: 25_000_000, channel: "remittance", on: "2026-03-02" }, { amountMinor: 15_000_000, channel: "bank_transfer", on: "2026-05-18", anonymous: true }, { amountMinor: 14_250_000, channel: "remittance", on: "2026-09-09" }],
    planReference: "Naga City Local Development Investment Program 2026-2028, item ED-04",
    implementingPartner: "City Social Welfare and Development Office",
    budget: [
      { label: { en: "Tuition", fil: "Matrikula" }, amountMinor: 160_000_000 },
      { label: { en: "Books and supplies", fil: "Aklat at gamit" }, amountMinor: 32_000_000 },
      { label: { en: "Monthly allowance", fil: "Buwanang allowance" }, amountMinor: 48_000_000 },
    ],
    needs: [
      { kind: "money", description: { en: "Diaspora share of the scholarships", fil: "Bahagi ng diaspora sa mga iskolarsip" }, amountMinor: 120_000_000 },
      { kind: "skill", description: { en: "Mentors for first-year scholars (online)", fil: "Mga mentor para sa mga unang-taong iskolar (online)" }, skill: "mentoring", quantity: 10, mode: "remote", language: "fil" },
    ],
    milestones: [
      { title: { en: "Scholars selected", fil: "Napili ang mga iskolar" }, targetDate: "2027-05-15", status: "planned" },
      { title: { en: "First semester paid", fil: "Nabayaran ang unang semestre" }, targetDate: "2027-07-15", status: "planned" },
    ],
    cofunders: [{ kind: "municipality", name: "City Government of Naga", ratioMatched: 1, ratioGiven: 1, capMinor: 120_000_000 }],
  },
  {
    slug: "naga-river-revitalisation",
    lgu: "naga-city",
    place: "PH-NAGA",
    title: { en: "Naga River revitalisation", fil: "Pagbuhay muli sa Ilog Naga" },
    summary: {
      en: "Clean the river, build a riverside walk and stop untreated waste water reaching it.",
      fil: "Linisin ang ilog, magtayo ng daanan sa tabing-ilog at pigilan ang maruming tubig na dumadaloy dito.",
    },
    description: {
      en: "Phase one dredges 2 km of the river and builds the first 800 m of the riverside walk.",
      fil: "Sa unang yugto, huhukayin ang 2 km ng ilog at itatayo ang unang 800 m ng daanan sa tabing-ilog.",
    },
    sector: "environment",
    sdgGoals: [6, 11, 14],
    goalMinor: 1_500_000_000,
    currency: "PHP",
    startsOn: "2026-09-01",
    endsOn: "2028-12-31",
    status: "in_progress",
    gifts: [{ amountMinor: 600_000_000, channel: "bank_transfer", on: "2026-03-20" }, { amountMinor: 380_000_000, channel: "remittance", on: "2026-06-11" }],
    planReference: "Naga River Development Master Plan, phase 1",
    implementingPartner: "City Environment and Natural Resources Office",
    budget: [
      { label: { en: "Dredging", fil: "Paghuhukay" }, amountMinor: 900_000_000 },
      { label: { en: "Riverside walk", fil: "Daanan sa tabing-ilog" }, amountMinor: 600_000_000 },
    ],
    needs: [
      { kind: "money", description: { en: "Riverside walk", fil: "Daanan sa tabing-ilog" }, amountMinor: 600_000_000 },
      { kind: "in_kind", description: { en: "Native trees for the riverbank", fil: "Katutubong puno para sa pampang" }, quantity: 500 },
    ],
    milestones: [
      { title: { en: "Dredging of the first kilometre", fil: "Paghuhukay sa unang kilometro" }, targetDate: "2026-12-15", status: "done", completedOn: "2026-11-10" },
      { title: { en: "Riverside walk, first 800 m", fil: "Daanan sa tabing-ilog, unang 800 m" }, targetDate: "2027-06-30", status: "in_progress" },
    ],
    updates: [
      {
        body: {
          en: "The first kilometre is dredged, a month early. Thank you to everyone in Dubai and Riyadh who gave.",
          fil: "Nahukay na ang unang kilometro, isang buwang mas maaga. Salamat sa lahat ng nagbigay mula Dubai at Riyadh.",
        },
        publishedAt: "2026-11-12T02:00:00Z",
      },
    ],
    spending: [{ budgetLine: 0, amountMinor: 412_500_000, spentOn: "2026-10-30", payee: "Bicol River Works Corp.", category: "contractor" }],
  },
  {
    slug: "naga-barangay-water-system",
    lgu: "naga-city",
    place: "PH-NAGA",
    title: { en: "Level III water for Barangay Carolina and Panicuason", fil: "Level III na tubig para sa Barangay Carolina at Panicuason" },
    summary: {
      en: "A spring intake, a 200 m³ reservoir and household taps for 1,100 families in Naga's upland barangays.",
      fil: "Intake sa bukal, 200 m³ na imbakan at gripo sa bahay para sa 1,100 pamilya sa mga barangay sa kabundukan ng Naga.",
    },
    description: {
      en: "Families in Carolina and Panicuason still carry water from shared faucets. The city will build the intake and reservoir; diaspora gifts pay the household connections.\n\nWe need two civil engineers for a short on-site mission to check the design and supervise the reservoir works.",
      fil: "Nag-iigib pa rin ng tubig mula sa mga pampublikong gripo ang mga pamilya sa Carolina at Panicuason. Itatayo ng lungsod ang intake at imbakan; ang mga donasyon ng diaspora ang magbabayad sa mga koneksiyon sa bahay.\n\nKailangan namin ng dalawang civil engineer para sa maikling misyon sa mismong lugar upang suriin ang disenyo at bantayan ang paggawa ng imbakan.",
    },
    sector: "water",
    sdgGoals: [6, 3],
    goalMinor: 850_000_000,
    currency: "PHP",
    startsOn: "2027-02-01",
    endsOn: "2027-12-15",
    status: "fundraising",
    gifts: [{ amountMinor: 60_000_000, channel: "remittance", on: "2026-10-12" }],
    planReference: "Naga City Local Development Investment Program 2026-2028, item WS-02",
    implementingPartner: "Metro Naga Water District",
    budget: [
      { label: { en: "Spring intake and pipeline", fil: "Intake at tubo" }, amountMinor: 310_000_000 },
      { label: { en: "Reservoir", fil: "Imbakan" }, amountMinor: 290_000_000 },
      { label: { en: "Household connections", fil: "Koneksiyon sa bahay" }, amountMinor: 250_000_000 },
    ],
    needs: [
      { kind: "money", description: { en: "Household connections", fil: "Mga koneksiyon sa bahay" }, amountMinor: 250_000_000 },
      {
        kind: "skill",
        description: { en: "Civil engineers to review the design and supervise the reservoir works", fil: "Mga civil engineer na susuri sa disenyo at magbabantay sa paggawa ng imbakan" },
        skill: "engineering",
        quantity: 2,
        mode: "on_site",
        startsOn: "2027-03-01",
        endsOn: "2027-04-15",
        language: "en",
        expertMission: true,
      },
      { kind: "skill", description: { en: "Water quality testing advice (online)", fil: "Payo sa pagsusuri ng kalidad ng tubig (online)" }, skill: "water_sanitation", quantity: 1, mode: "remote", language: "en" },
    ],
    milestones: [{ title: { en: "Reservoir design reviewed", fil: "Nasuri ang disenyo ng imbakan" }, targetDate: "2027-04-15", status: "planned" }],
    cofunders: [{ kind: "municipality", name: "City Government of Naga", ratioMatched: 1, ratioGiven: 1, capMinor: 300_000_000 }],
  },
  {
    slug: "intipuca-water-system",
    lgu: "intipuca",
    place: "SV-INTIPUCA",
    title: { es: "Sistema de agua potable para los cantones de Intipucá", en: "Drinking water for Intipucá's rural cantons" },
    summary: {
      es: "Pozo, tanque y red de distribución para 350 familias, con el modelo 3x1.",
      en: "A well, tank and pipes for 350 families, matched 3x1.",
    },
    description: {
      es: "Por cada dólar de los intipuqueños en Washington, la alcaldía, el gobierno nacional y una empresa aportan uno cada uno.",
      en: "For every dollar from Intipucá's people in Washington, the municipality, the national government and a company each add one.",
    },
    sector: "water",
    sdgGoals: [6],
    goalMinor: 18_000_000,
    currency: "USD",
    startsOn: "2026-03-01",
    endsOn: "2027-03-01",
    status: "fundraising",
    gifts: [{ amountMinor: 1_200_000, channel: "bank_transfer", on: "2026-04-04" }, { amountMinor: 900_000, channel: "remittance", on: "2026-08-30", anonymous: true }],
    implementingPartner: "Asociación Intipucá en Washington",
    budget: [
      { label: { es: "Pozo y bomba", en: "Well and pump" }, amountMinor: 8_000_000 },
      { label: { es: "Tanque", en: "Tank" }, amountMinor: 4_000_000 },
      { label: { es: "Red de distribución", en: "Pipes" }, amountMinor: 6_000_000 },
    ],
    needs: [{ kind: "money", description: { es: "Aporte de la diáspora", en: "Diaspora share" }, amountMinor: 4_500_000 }],
    milestones: [{ title: { es: "Perforación del pozo", en: "Well drilled" }, targetDate: "2026-09-30", status: "planned" }],
    cofunders: [
      { kind: "municipality", name: "Alcaldía de Intipucá", ratioMatched: 1, ratioGiven: 1, capMinor: 4_500_000 },
      { kind: "national_agency", name: "Fondo de Inversión Social para el Desarrollo Local", ratioMatched: 1, ratioGiven: 1, capMinor: 4_500_000 },
      { kind: "company", name: "Remesas del Oriente S.A.", ratioMatched: 1, ratioGiven: 1, capMinor: 4_500_000 },
    ],
  },
  {
    slug: "taliouine-saffron-cooperative",
    lgu: "taliouine",
    place: "MA-TALIOUINE",
    title: { fr: "Coopérative de safran de Taliouine : séchage et conditionnement", en: "Taliouine saffron cooperative: drying and packing", ar: "تعاونية الزعفران في تالوين: التجفيف والتعبئة" },
    summary: {
      fr: "Un atelier de séchage et de conditionnement pour 60 productrices, pour vendre le safran au juste prix.",
      en: "A drying and packing workshop for 60 women growers, to sell saffron at a fair price.",
      ar: "ورشة للتجفيف والتعبئة لستين منتجة، لبيع الزعفران بسعر عادل.",
    },
    description: {
      fr: "La commune met à disposition le terrain ; la diaspora en France finance l'équipement.",
      en: "The commune provides the land; the diaspora in France pays for the equipment.",
    },
    sector: "livelihood",
    sdgGoals: [5, 8],
    goalMinor: 45_000_000,
    currency: "MAD",
    startsOn: "2027-01-15",
    endsOn: "2027-10-31",
    status: "fundraising",
    gifts: [{ amountMinor: 30_000_000, channel: "bank_transfer", on: "2026-05-05" }, { amountMinor: 8_000_000, channel: "cash", on: "2026-10-21" }],
    budget: [{ label: { fr: "Équipement", en: "Equipment" }, amountMinor: 45_000_000 }],
    needs: [{ kind: "skill", description: { fr: "Conseil en export agroalimentaire", en: "Food export advice" }, skill: "export", quantity: 2 }],
    milestones: [{ title: { fr: "Atelier équipé", en: "Workshop equipped" }, targetDate: "2027-06-30", status: "planned" }],
  },
  {
    slug: "batangas-school-buildings",
    lgu: "batangas",
    place: "PH-BTG",
    title: { en: "Classrooms for typhoon-damaged schools", fil: "Mga silid-aralan para sa mga paaralang nasira ng bagyo" },
    summary: { en: "Rebuilding 12 classrooms (draft, not yet public).", fil: "Muling pagtatayo ng 12 silid-aralan." },
    description: {},
    sector: "disaster",
    sdgGoals: [4, 11],
    goalMinor: 3_600_000_000,
    currency: "PHP",
    startsOn: "2027-02-01",
    endsOn: "2027-12-15",
    status: "draft",
    budget: [],
    needs: [],
    milestones: [],
  },
];

export async function seedProjects(tx: Tx, placeIds: Map<string, string>): Promise<number> {
  let count = 0;
  for (const p of demoProjects) {
    const [lgu] = await tx.select({ id: schema.lgus.id }).from(schema.lgus).where(eq(schema.lgus.slug, p.lgu));
    if (!lgu) continue;
    const published = p.status !== "draft" && p.status !== "review";
    const values = {
      lguId: lgu.id,
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      description: p.description,
      sector: p.sector,
      sdgGoals: p.sdgGoals,
      placeId: placeIds.get(p.place) ?? null,
      goalMinor: p.goalMinor,
      currency: p.currency,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      status: p.status,
      planReference: p.planReference ?? null,
      implementingPartner: p.implementingPartner ?? null,
      submittedAt: published ? new Date("2026-02-01T00:00:00Z") : null,
      publishedAt: published ? new Date("2026-02-15T00:00:00Z") : null,
    };
    const [row] = await tx
      .insert(schema.projects)
      .values(values)
      .onConflictDoUpdate({ target: schema.projects.slug, set: values })
      .returning({ id: schema.projects.id });
    const projectId = row!.id;
    for (const table of [schema.spendingReports, schema.projectBudgetLines, schema.projectNeeds, schema.projectMilestones, schema.projectCofunders, schema.projectUpdates]) {
      await tx.delete(table).where(sql`project_id = ${projectId}`);
    }
    const lines = p.budget.length
      ? await tx
          .insert(schema.projectBudgetLines)
          .values(p.budget.map((b, position) => ({ projectId, label: b.label, amountMinor: b.amountMinor, position })))
          .returning({ id: schema.projectBudgetLines.id })
      : [];
    if (p.needs.length) {
      await tx.insert(schema.projectNeeds).values(
        p.needs.map((n) => ({
          projectId,
          kind: n.kind,
          description: n.description,
          amountMinor: n.amountMinor ?? null,
          skill: n.skill ?? null,
          quantity: n.quantity ?? null,
          mode: n.mode ?? null,
          startsOn: n.startsOn ?? null,
          endsOn: n.endsOn ?? null,
          language: n.language ?? null,
          expertMission: n.expertMission ?? false,
        })),
      );
    }
    if (p.milestones.length) {
      await tx.insert(schema.projectMilestones).values(
        p.milestones.map((m) => ({ projectId, title: m.title, targetDate: m.targetDate, status: m.status, completedOn: m.completedOn ?? null })),
      );
    }
    if (p.cofunders?.length) await tx.insert(schema.projectCofunders).values(p.cofunders.map((c) => ({ projectId, ...c })));
    if (p.updates?.length) {
      await tx.insert(schema.projectUpdates).values(p.updates.map((u) => ({ projectId, body: u.body, publishedAt: new Date(u.publishedAt) })));
    }
    if (p.spending?.length) {
      await tx.insert(schema.spendingReports).values(
        p.spending.map((s) => ({ projectId, budgetLineId: lines[s.budgetLine]?.id ?? null, amountMinor: s.amountMinor, spentOn: s.spentOn, payee: s.payee, category: s.category })),
      );
    }
    // The ledger is append-only: gifts are keyed by reference and movement id, so a second run adds
    // nothing (and never deletes what the first one recorded). Gifts are only taken while a project
    // raises money, so one that has moved on is put back to fundraising for them, then moved on.
    const raising = p.gifts?.length && p.status !== "fundraising";
    if (raising) await tx.update(schema.projects).set({ status: "fundraising" }).where(eq(schema.projects.id, projectId));
    for (const [i, gift] of (p.gifts ?? []).entries()) {
      const reference = `DEMO-${p.slug.toUpperCase()}-${i + 1}`;
      await tx
        .insert(schema.contributions)
        .values({ projectId, kind: "one_time", channel: gift.channel, amountMinor: gift.amountMinor, currency: p.currency, anonymous: gift.anonymous ?? false, reference })
        .onConflictDoNothing();
      const [contribution] = await tx.select({ id: schema.contributions.id }).from(schema.contributions).where(eq(schema.contributions.reference, reference));
      await tx
        .insert(schema.contributionEvents)
        .values({
          contributionId: contribution!.id,
          projectId,
          type: "received",
          amountMinor: gift.amountMinor,
          currency: p.currency,
          source: "treasurer",
          externalId: `demo-${reference}`,
          occurredAt: new Date(`${gift.on}T03:00:00Z`),
        })
        .onConflictDoNothing();
    }
    if (raising) await tx.update(schema.projects).set({ status: p.status }).where(eq(schema.projects.id, projectId));
    count++;
  }
  return count;
}
