/**
 * Demo investments: opportunities that the source material names (agro-tourism, nostalgia-product
 * trade, cooperatives, health tourism) and a technology hub opened when the demo is first seeded
 * (so a fresh demo's weekly digest announces it), Naga City's investment guide linking its online permits,
 * Rosa's (a Bicolana in Milan) ticket size and her consent to invitations from LGUs, and her
 * expression of interest in the pili cooperative, contacted by the investment office. Idempotent: opportunities keyed by slug, guide steps by
 * (LGU, position), the interest by (opportunity, member). Runs as the database owner.
 */
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { investmentSectorInterests, type InvestmentSector } from "~/modules/investments/vocabulary";
import type { LocalizedText } from "./schema";
import type * as schema from "./schema";

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];

/** The Naga City investment officer of the demo accounts (seed.server.ts). */
export const DEMO_INVESTMENT_OFFICER = "00000000-0000-4000-8000-0000000000a5";
/** Rosa Dela Cruz, a member in Milan whose hometown is Naga City (seed.server.ts). */
export const DEMO_INVESTOR = "00000000-0000-4000-8000-000000000004";

interface OpportunitySeed {
  lgu: string;
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  sector: InvestmentSector;
  kind: string;
  location: string;
  ticket: [number, number];
  currency: string;
  timeline: string;
  incentives: string[];
  incentivesNote?: string;
  contactOffice: string;
  contactEmail: string;
  status: "open" | "closed" | "draft";
  /**
   * Opened when the demo is first seeded (kept on later runs), so the first weekly digest of a
   * fresh demo has an opportunity to announce; the others opened on 1 October 2026.
   */
  openedAtSeed?: boolean;
}

const NAGA_OFFICE = "Naga City Investment and Promotions Office";

const opportunities: OpportunitySeed[] = [
  {
    lgu: "naga-city",
    slug: "mount-isarog-agro-tourism-farm",
    title: {
      en: "Mount Isarog agro-tourism farm",
      fil: "Agro-tourism na bukid sa Bundok Isarog",
      es: "Granja agroturística del monte Isarog",
    },
    summary: {
      en: "A partner for a farm stay with coffee, pili and organic vegetables on the slopes of Mount Isarog, 30 minutes from the city.",
      fil: "Katuwang para sa farm stay na may kape, pili at organikong gulay sa dalisdis ng Bundok Isarog, 30 minuto mula sa lungsod.",
      es: "Un socio para una granja-albergue con café, pili y hortalizas orgánicas en las laderas del monte Isarog, a 30 minutos de la ciudad.",
    },
    description: {
      en: "The city and the Barangay Panicuason farmers' association offer 4 hectares for a joint venture: guest cottages, a farm kitchen and guided walks to the falls.\n\nThe city provides the access road and training for the farmers; the partner brings the capital for the cottages and the marketing abroad.",
      fil: "Nag-aalok ang lungsod at ang samahan ng mga magsasaka ng Barangay Panicuason ng 4 na ektarya para sa joint venture: mga cottage, kusinang pambukid at guided walk papunta sa talon.\n\nAng lungsod ang bahala sa daan at pagsasanay ng mga magsasaka; ang katuwang ang magdadala ng puhunan para sa mga cottage at ng marketing sa ibang bansa.",
    },
    sector: "agro_tourism",
    kind: "joint_venture",
    location: "Barangay Panicuason",
    ticket: [150_000_000, 800_000_000],
    currency: "PHP",
    timeline: "six_to_12_months",
    incentives: ["tax_holiday", "fee_waiver", "training"],
    incentivesNote: "Three-year exemption from the local business tax under the city's investment code; permit fees waived in the first year.",
    contactOffice: NAGA_OFFICE,
    contactEmail: "invest@naga-city.demo.tulay.example",
    status: "open",
  },
  {
    lgu: "naga-city",
    slug: "bicol-nostalgia-food-export-hub",
    title: {
      en: "Bicol nostalgia food export hub",
      fil: "Export hub ng mga pagkaing Bikolano",
      fr: "Plateforme d'export de produits du terroir bicolano",
    },
    summary: {
      en: "Supply pili nut sweets, laing and Bicol express to Filipino shops in Europe and the Gulf, with a shared packing and labelling centre.",
      fil: "Magsuplay ng matamis na pili, laing at Bicol express sa mga tindahang Pilipino sa Europa at sa Gulpo, na may pinagsasaluhang packing at labelling center.",
      fr: "Fournir des douceurs à la noix de pili, du laing et du Bicol express aux épiceries philippines d'Europe et du Golfe, avec un centre commun d'emballage et d'étiquetage.",
    },
    description: {
      en: "Diaspora shops and importers can become regular buyers or co-invest in the packing centre at the city's food terminal. The city helps with FDA registration and export papers.",
    },
    sector: "nostalgia_trade",
    kind: "supplier_trade",
    location: "Naga City Food Terminal, Barangay Del Rosario",
    ticket: [25_000_000, 300_000_000],
    currency: "PHP",
    timeline: "within_6_months",
    incentives: ["fee_waiver", "training", "credit_access"],
    contactOffice: NAGA_OFFICE,
    contactEmail: "invest@naga-city.demo.tulay.example",
    status: "open",
  },
  {
    lgu: "naga-city",
    slug: "pili-processors-cooperative",
    title: {
      en: "Pili processors' cooperative: membership for diaspora investors",
      fil: "Kooperatiba ng mga nagpoproseso ng pili: pagiging miyembro ng mga mamumuhunan sa ibang bansa",
    },
    summary: {
      en: "Join the cooperative of 120 pili growers building a processing plant: share capital from ₱50,000, a seat on the board for larger members.",
      fil: "Sumali sa kooperatiba ng 120 nagtatanim ng pili na nagtatayo ng planta: share capital mula ₱50,000, upuan sa lupon para sa malalaking miyembro.",
    },
    description: { en: "Registered with the Cooperative Development Authority. The plant's business plan and the cooperative's audited statements are attached." },
    sector: "cooperative",
    kind: "cooperative_membership",
    location: "Barangay Carolina",
    ticket: [5_000_000, 200_000_000],
    currency: "PHP",
    timeline: "six_to_12_months",
    incentives: ["training", "credit_access"],
    contactOffice: NAGA_OFFICE,
    contactEmail: "invest@naga-city.demo.tulay.example",
    status: "open",
  },
  {
    lgu: "naga-city",
    slug: "riverside-wellness-centre",
    title: { en: "Naga riverside wellness centre (health tourism)", fil: "Wellness center sa tabing-ilog ng Naga (health tourism)" },
    summary: { en: "A public-private partnership for a wellness and rehabilitation centre beside the revitalised Naga River." },
    description: { en: "Expressions of interest closed on 30 September; the city is reviewing the proposals received." },
    sector: "health_tourism",
    kind: "public_private_partnership",
    location: "Naga River esplanade",
    ticket: [1_000_000_000, 5_000_000_000],
    currency: "PHP",
    timeline: "one_to_2_years",
    incentives: ["land", "tax_holiday"],
    contactOffice: NAGA_OFFICE,
    contactEmail: "invest@naga-city.demo.tulay.example",
    status: "closed",
  },
  {
    lgu: "naga-city",
    slug: "naga-it-bpm-hub",
    title: {
      en: "Naga IT-BPM hub: co-working and training centre",
      fil: "IT-BPM hub ng Naga: co-working at training center",
      es: "Centro IT-BPM de Naga: espacio de cotrabajo y formación",
    },
    summary: {
      en: "A partner to fit out and run the second floor of the city's new ICT building as co-working space and a training centre for software and online work.",
      fil: "Katuwang sa pag-aayos at pagpapatakbo ng ikalawang palapag ng bagong ICT building ng lungsod bilang co-working space at training center para sa software at online na trabaho.",
      es: "Un socio para equipar y gestionar la segunda planta del nuevo edificio TIC de la ciudad como espacio de cotrabajo y centro de formación en software y trabajo en línea.",
    },
    description: {
      en: "The city offers a 15-year lease of 1,200 m² with fibre already in place. The partner fits out the space, runs it, and trains young people from Naga's colleges with the city's scholarship office; diaspora professionals in software are welcome as mentors and co-investors.",
      fil: "Nag-aalok ang lungsod ng 15 taong lease ng 1,200 m² na may fibre na. Ang katuwang ang mag-aayos at magpapatakbo ng espasyo, at magsasanay ng mga kabataan mula sa mga kolehiyo ng Naga kasama ang scholarship office ng lungsod; malugod na tinatanggap ang mga propesyonal sa software sa ibang bansa bilang mentor at kapwa mamumuhunan.",
    },
    sector: "technology",
    kind: "public_private_partnership",
    location: "Naga City ICT Building, Barangay Triangulo",
    ticket: [500_000_000, 2_000_000_000],
    currency: "PHP",
    timeline: "within_6_months",
    incentives: ["tax_holiday", "training"],
    contactOffice: NAGA_OFFICE,
    contactEmail: "invest@naga-city.demo.tulay.example",
    status: "open",
    openedAtSeed: true,
  },
  {
    lgu: "taliouine",
    slug: "taliouine-saffron-cooperative",
    title: {
      fr: "Coopérative de safran de Taliouine : entrée au capital",
      ar: "تعاونية زعفران تالوين: المساهمة في رأس المال",
      en: "Taliouine saffron cooperative: share capital",
    },
    summary: {
      fr: "Les émigrés peuvent entrer au capital de la coopérative pour financer une unité de séchage et de conditionnement.",
      ar: "يمكن للمهاجرين المساهمة في رأس مال التعاونية لتمويل وحدة للتجفيف والتعبئة.",
      en: "Emigrants can take a share in the cooperative to fund a drying and packing unit.",
    },
    description: {},
    sector: "cooperative",
    kind: "cooperative_membership",
    location: "Douar Tinfat",
    ticket: [2_000_000, 20_000_000],
    currency: "MAD",
    timeline: "six_to_12_months",
    incentives: ["training"],
    contactOffice: "Commune de Taliouine — service économique",
    contactEmail: "commune@taliouine.demo.tulay.example",
    status: "open",
  },
];

const nagaGuide: { title: LocalizedText; body: LocalizedText; permit?: string }[] = [
  {
    title: { en: "Register the business name or the company", fil: "Iparehistro ang pangalan ng negosyo o ang kompanya" },
    body: {
      en: "A sole proprietorship registers its name with the DTI (online); a corporation with the SEC; a cooperative with the CDA.",
      fil: "Ang sole proprietorship ay nagpaparehistro ng pangalan sa DTI (online); ang korporasyon sa SEC; ang kooperatiba sa CDA.",
    },
  },
  {
    title: { en: "Get the barangay business clearance", fil: "Kumuha ng barangay business clearance" },
    body: { en: "From the barangay where the business will operate.", fil: "Mula sa barangay kung saan mag-ooperate ang negosyo." },
  },
  {
    title: { en: "Apply for the business permit online", fil: "Mag-apply ng business permit online" },
    body: {
      en: "Upload the registration and the clearance; the permits office assesses the fee from the capital you declare.",
      fil: "I-upload ang rehistro at ang clearance; tatasahin ng permits office ang bayad batay sa idedeklarang puhunan.",
    },
    permit: "new-business",
  },
  {
    title: { en: "Register with the BIR and for social insurance", fil: "Magparehistro sa BIR at sa social insurance" },
    body: { en: "Taxpayer registration, then SSS, PhilHealth and Pag-IBIG for employees.", fil: "Rehistro bilang taxpayer, saka SSS, PhilHealth at Pag-IBIG para sa mga empleyado." },
  },
];

export async function seedInvestments(tx: Tx): Promise<number> {
  for (const o of opportunities) {
    const interests = [...investmentSectorInterests[o.sector]];
    await tx.execute(sql`
      insert into investment_opportunities (lgu_id, slug, title, summary, description, sector, interest_sectors, kind, place_id, location,
        ticket_min_minor, ticket_max_minor, currency, timeline, incentives, incentives_note, contact_office, contact_email, status, created_by, published_at)
      select l.id, ${o.slug}, ${JSON.stringify(o.title)}::jsonb, ${JSON.stringify(o.summary)}::jsonb, ${JSON.stringify(o.description)}::jsonb, ${o.sector},
        ${`{${interests.join(",")}}`}::text[], ${o.kind}, l.place_id, ${o.location}, ${o.ticket[0]}, ${o.ticket[1]}, ${o.currency}, ${o.timeline},
        ${`{${o.incentives.join(",")}}`}::text[], ${o.incentivesNote ?? null}, ${o.contactOffice}, ${o.contactEmail}, ${o.status}::investment_opportunity_status,
        (select id from auth.users where id = ${DEMO_INVESTMENT_OFFICER}::uuid),
        case when ${o.status} <> 'draft' then ${o.openedAtSeed ? sql`now()` : sql`'2026-10-01T00:00:00Z'::timestamptz`} end
      from lgus l where l.slug = ${o.lgu}
      on conflict (slug) do update set title = excluded.title, summary = excluded.summary, description = excluded.description, sector = excluded.sector,
        interest_sectors = excluded.interest_sectors, kind = excluded.kind, location = excluded.location, ticket_min_minor = excluded.ticket_min_minor,
        ticket_max_minor = excluded.ticket_max_minor, timeline = excluded.timeline, incentives = excluded.incentives, incentives_note = excluded.incentives_note,
        contact_office = excluded.contact_office, contact_email = excluded.contact_email
      -- Unchanged rows stay untouched: no new "last updated" date, no audit row on every start.
      where (investment_opportunities.title, investment_opportunities.summary, investment_opportunities.description, investment_opportunities.ticket_min_minor,
             investment_opportunities.ticket_max_minor, investment_opportunities.incentives, investment_opportunities.incentives_note)
        is distinct from (excluded.title, excluded.summary, excluded.description, excluded.ticket_min_minor, excluded.ticket_max_minor, excluded.incentives, excluded.incentives_note)`);
  }
  for (const [position, step] of nagaGuide.entries()) {
    const existing = await tx.execute<{ id: string }>(sql`
      select s.id from investment_guide_steps s join lgus l on l.id = s.lgu_id where l.slug = 'naga-city' and s.position = ${position}`);
    const permit = step.permit ? sql`(select pt.id from permit_types pt join lgus l on l.id = pt.lgu_id where l.slug = 'naga-city' and pt.slug = ${step.permit})` : sql`null`;
    if (existing[0]) {
      await tx.execute(sql`update investment_guide_steps set title = ${JSON.stringify(step.title)}::jsonb, body = ${JSON.stringify(step.body)}::jsonb, permit_type_id = ${permit}
        where id = ${existing[0].id}::uuid`);
    } else {
      await tx.execute(sql`insert into investment_guide_steps (lgu_id, position, title, body, permit_type_id)
        select l.id, ${position}, ${JSON.stringify(step.title)}::jsonb, ${JSON.stringify(step.body)}::jsonb, ${permit} from lgus l where l.slug = 'naga-city'`);
    }
  }
  // Rosa in Milan: what she could invest, and her interest in the pili cooperative (contacted).
  // The first time only, she also allows LGUs to invite her to opportunities (so Naga's investment
  // officer finds her among the people to invite); a later seed never gives back a consent she withdrew.
  const [firstTime] = await tx.execute<{ member_id: string }>(sql`
    insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency) values (${DEMO_INVESTOR}::uuid, 1000000, 5000000, 'EUR')
    on conflict (member_id) do nothing returning member_id`);
  if (firstTime) {
    await tx.execute(sql`update profiles set investment_invitations_since = '2026-11-01T09:00:00Z' where id = ${DEMO_INVESTOR}::uuid and investment_invitations_since is null`);
  }
  const [lead] = await tx.execute<{ id: string }>(sql`
    insert into investment_interests (opportunity_id, lgu_id, member_id, display_name, country_of_residence, amount_min_minor, amount_max_minor, currency,
      timeline, role, message, consent_to_contact, stage, assigned_to, next_action, next_action_on, stage_changed_at)
    select o.id, o.lgu_id, ${DEMO_INVESTOR}::uuid, 'Rosa Dela Cruz', 'IT', 10000000, 50000000, 'PHP', 'six_to_12_months', 'investor',
      'I sell Filipino products in Milan and would like to join the cooperative, and later buy its pili sweets for my shop.', true, 'contacted',
      (select id from auth.users where id = ${DEMO_INVESTMENT_OFFICER}::uuid), 'Send the cooperative''s business plan', '2026-12-15', '2026-11-02T08:00:00Z'
    from investment_opportunities o where o.slug = 'pili-processors-cooperative'
    on conflict (opportunity_id, member_id) do nothing
    returning id`);
  if (lead) {
    await tx.execute(sql`insert into investment_interest_contacts (interest_id, phone) values (${lead.id}::uuid, '+39 333 555 0199')`);
    await tx.execute(sql`insert into investment_messages (interest_id, lgu_id, from_staff, author_id, body)
      select i.id, i.lgu_id, true, i.assigned_to, 'Salamat, Rosa! The cooperative meets diaspora members online on the first Saturday of each month. We will send you the business plan.'
      from investment_interests i where i.id = ${lead.id}::uuid`);
  }
  return opportunities.length;
}
