/**
 * Demo data from the source material: Naga City, Ilocos Norte, Batangas, Intipucá, Taliouine and
 * Diourbel, with a few members. Idempotent: every row has a natural key and is upserted, so running
 * it again changes nothing (a test checks). Runs as the database owner, outside RLS.
 */
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { seedInvestments } from "./seed-investments.server";
import { seedJobs } from "./seed-jobs.server";
import { seedPermits } from "./seed-permits.server";
import { seedPropertyTax } from "./seed-property-tax.server";
import { seedReturnGuide } from "./seed-return-guide.server";
import { seedProjects } from "./seed-projects.server";
import type { LocalizedText } from "./schema";

type PlaceKind = (typeof schema.placeKind.enumValues)[number];
interface PlaceSeed {
  key: string;
  parent?: string;
  kind: PlaceKind;
  name: string;
  countryCode: string;
  officialCode?: string;
}

export const demoPlaces: PlaceSeed[] = [
  { key: "PH", kind: "country", name: "Philippines", countryCode: "PH" },
  { key: "PH-05", parent: "PH", kind: "region", name: "Bicol Region", countryCode: "PH", officialCode: "0500000000" },
  { key: "PH-CAS", parent: "PH-05", kind: "province", name: "Camarines Sur", countryCode: "PH", officialCode: "0501700000" },
  { key: "PH-NAGA", parent: "PH-CAS", kind: "city", name: "Naga City", countryCode: "PH", officialCode: "0501724000" },
  { key: "PH-PILI", parent: "PH-CAS", kind: "municipality", name: "Pili", countryCode: "PH", officialCode: "0501729000" },
  { key: "PH-ALB", parent: "PH-05", kind: "province", name: "Albay", countryCode: "PH", officialCode: "0500500000" },
  { key: "PH-LEGAZPI", parent: "PH-ALB", kind: "city", name: "Legazpi City", countryCode: "PH", officialCode: "0500506000" },
  { key: "PH-01", parent: "PH", kind: "region", name: "Ilocos Region", countryCode: "PH", officialCode: "0100000000" },
  { key: "PH-ILN", parent: "PH-01", kind: "province", name: "Ilocos Norte", countryCode: "PH", officialCode: "0102800000" },
  { key: "PH-LAOAG", parent: "PH-ILN", kind: "city", name: "Laoag City", countryCode: "PH", officialCode: "0102812000" },
  { key: "PH-40", parent: "PH", kind: "region", name: "CALABARZON", countryCode: "PH", officialCode: "0400000000" },
  { key: "PH-BTG", parent: "PH-40", kind: "province", name: "Batangas", countryCode: "PH", officialCode: "0401000000" },
  { key: "SV", kind: "country", name: "El Salvador", countryCode: "SV" },
  { key: "SV-UN", parent: "SV", kind: "province", name: "La Unión", countryCode: "SV", officialCode: "SV-UN" },
  { key: "SV-INTIPUCA", parent: "SV-UN", kind: "municipality", name: "Intipucá", countryCode: "SV" },
  { key: "MA", kind: "country", name: "Morocco", countryCode: "MA" },
  { key: "MA-09", parent: "MA", kind: "region", name: "Souss-Massa", countryCode: "MA", officialCode: "MA-09" },
  { key: "MA-TAR", parent: "MA-09", kind: "province", name: "Taroudant", countryCode: "MA", officialCode: "MA-TAR" },
  { key: "MA-TALIOUINE", parent: "MA-TAR", kind: "municipality", name: "Taliouine", countryCode: "MA" },
  { key: "SN", kind: "country", name: "Senegal", countryCode: "SN" },
  { key: "SN-DB", parent: "SN", kind: "region", name: "Diourbel Region", countryCode: "SN", officialCode: "SN-DB" },
  { key: "SN-DIOURBEL", parent: "SN-DB", kind: "municipality", name: "Diourbel", countryCode: "SN" },
];

interface LguSeed {
  slug: string;
  place: string;
  name: string;
  description: LocalizedText;
  website?: string;
  contactEmail?: string;
  contactPhone?: string;
  address?: string;
  verified: boolean;
}

export const demoLgus: LguSeed[] = [
  {
    slug: "naga-city",
    place: "PH-NAGA",
    name: "City Government of Naga",
    website: "https://www2.naga.gov.ph",
    contactEmail: "diaspora@naga-city.demo.tulay.example",
    address: "City Hall Complex, J. Miranda Avenue, Naga City, Camarines Sur",
    description: {
      en: "The heart of Bicol. Naga invites its sons and daughters abroad to support scholarships for poor but deserving students and the revitalisation of the Naga River, and lets them pay property tax from wherever they live.",
      fil: "Ang puso ng Bikol. Inaanyayahan ng Naga ang mga anak nito sa ibang bansa na suportahan ang mga iskolarsip para sa mahihirap ngunit karapat-dapat na mag-aaral at ang pagbuhay muli sa Ilog Naga, at makapagbayad ng amilyar saanman sila naroroon.",
    },
    verified: true,
  },
  {
    slug: "ilocos-norte",
    place: "PH-ILN",
    name: "Provincial Government of Ilocos Norte",
    website: "https://ilocosnorte.gov.ph",
    contactEmail: "investment@ilocos-norte.demo.tulay.example",
    address: "Provincial Capitol, Laoag City, Ilocos Norte",
    description: {
      en: "Ilocos Norte offers an online business permit query and welcomes Ilocano investors abroad in agro-tourism, renewable energy and heritage tourism.",
      fil: "Nag-aalok ang Ilocos Norte ng online na pagtatanong sa business permit at tinatanggap ang mga Ilokanong mamumuhunan sa ibang bansa sa agro-turismo, renewable energy at heritage tourism.",
    },
    verified: true,
  },
  {
    slug: "batangas",
    place: "PH-BTG",
    name: "Provincial Government of Batangas",
    website: "https://batangas.gov.ph",
    contactEmail: "returnees@batangas.demo.tulay.example",
    address: "Provincial Capitol, Batangas City",
    description: {
      en: "Home of many seafarers and overseas workers. Batangas helps returning Batangueños find work, training and support to start a business.",
      fil: "Tahanan ng maraming marino at manggagawa sa ibang bansa. Tinutulungan ng Batangas ang mga nagbabalik na Batangueño na makahanap ng trabaho, pagsasanay at suporta sa pagsisimula ng negosyo.",
    },
    verified: true,
  },
  {
    slug: "intipuca",
    place: "SV-INTIPUCA",
    name: "Alcaldía Municipal de Intipucá",
    contactEmail: "alcaldia@intipuca.demo.tulay.example",
    address: "Barrio El Centro, Intipucá, La Unión",
    description: {
      es: "Intipucá, en La Unión, tiene a buena parte de su gente en el área de Washington. Sus asociaciones de oriundos han financiado escuelas, calles y la casa de la cultura junto con la alcaldía.",
      en: "Intipucá, in La Unión, has much of its people in the Washington area. Its hometown associations have funded schools, streets and the house of culture together with the municipality.",
    },
    verified: true,
  },
  {
    slug: "taliouine",
    place: "MA-TALIOUINE",
    name: "Commune de Taliouine",
    contactEmail: "commune@taliouine.demo.tulay.example",
    address: "Centre de Taliouine, Province de Taroudant",
    description: {
      fr: "Taliouine, capitale du safran, travaille avec ses émigrés en France et en Europe sur l'eau potable, l'électrification des douars et les coopératives de safran.",
      ar: "تالوين، عاصمة الزعفران، تعمل مع مهاجريها في فرنسا وأوروبا على الماء الصالح للشرب وكهربة الدواوير وتعاونيات الزعفران.",
      en: "Taliouine, the saffron capital, works with its emigrants in France and Europe on drinking water, village electrification and saffron cooperatives.",
    },
    verified: true,
  },
  {
    slug: "diourbel",
    place: "SN-DIOURBEL",
    name: "Commune de Diourbel",
    contactEmail: "mairie@diourbel.demo.tulay.example",
    address: "Hôtel de Ville, Diourbel",
    description: {
      fr: "Diourbel prépare son inscription : ses associations de ressortissants en Italie et en France soutiennent déjà la santé et l'éducation.",
      en: "Diourbel is preparing its registration: its hometown associations in Italy and France already support health and education.",
    },
    // Awaiting verification: not public until the national agency verifies it.
    verified: false,
  },
];

// Members abroad. Naga City's diaspora in the Gulf shares its basics and engagement with its
// hometown LGU as aggregates, so Naga's staff see a (small-count-suppressed) diaspora summary.
interface MemberSeed {
  id: string;
  email: string;
  displayName: string;
  country: string;
  city: string;
  locale: string;
  timeZone: string;
  hometown?: string;
  willingness?: string[];
  sectors?: string[];
  languages?: string[];
  /** Shares the engagement group (skills included) publicly instead of as aggregates. */
  publicEngagement?: boolean;
  skills?: { code: string; level: "basic" | "intermediate" | "advanced" | "expert"; years: number }[];
}
const naga = (n: number, displayName: string, country: string, city: string, willingness: string[], sectors: string[], skills: string[] = []): MemberSeed => ({
  id: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, "0")}`,
  email: `${displayName.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org`,
  displayName,
  country,
  city,
  locale: "fil",
  timeZone: "Asia/Dubai",
  hometown: "PH-NAGA",
  willingness,
  sectors,
  skills: skills.map((code, i) => ({ code, level: i === 0 ? "advanced" : "intermediate", years: 4 + n })),
});

export const demoMembers: MemberSeed[] = [
  { id: "00000000-0000-4000-8000-000000000001", email: "maria.santos@example.org", displayName: "Maria Santos", country: "AE", city: "Dubai", locale: "fil", timeZone: "Asia/Dubai", hometown: "PH-NAGA", willingness: ["donate", "volunteer"], sectors: ["education"],
    skills: [{ code: "nursing", level: "advanced", years: 9 }, { code: "caregiving", level: "expert", years: 11 }, { code: "teaching", level: "intermediate", years: 3 }] },
  { id: "00000000-0000-4000-8000-000000000002", email: "jose.martinez@example.org", displayName: "José Martínez", country: "US", city: "Arlington, VA", locale: "es", timeZone: "America/New_York", hometown: "SV-INTIPUCA", willingness: ["donate", "invest"], sectors: ["roads"],
    skills: [{ code: "construction_management", level: "expert", years: 15 }, { code: "road_construction", level: "advanced", years: 10 }] },
  // A Bicolana in Milan who wants to invest at home (issue 7's demo investor).
  { id: "00000000-0000-4000-8000-000000000004", email: "rosa.delacruz@example.org", displayName: "Rosa Dela Cruz", country: "IT", city: "Milano", locale: "en", timeZone: "Europe/Rome", hometown: "PH-NAGA", willingness: ["invest", "mentor"], sectors: ["tourism", "agriculture", "livelihood"], languages: ["fil", "bik", "it", "en"] },
  { id: "00000000-0000-4000-8000-000000000003", email: "amina.aitali@example.org", displayName: "Amina Ait Ali", country: "FR", city: "Lyon", locale: "fr", timeZone: "Europe/Paris", hometown: "MA-TALIOUINE", willingness: ["invest", "mentor"], sectors: ["agriculture"],
    skills: [{ code: "agribusiness", level: "expert", years: 14 }, { code: "export", level: "advanced", years: 8 }, { code: "cooperative_management", level: "intermediate", years: 4 }] },
  // An engineer in Dubai from Naga who shares engagement publicly: the one Naga's water project finds.
  { id: "00000000-0000-4000-8000-000000000005", email: "rafael.manalo@example.org", displayName: "Rafael Manalo", country: "AE", city: "Dubai", locale: "en", timeZone: "Asia/Dubai", hometown: "PH-NAGA", willingness: ["volunteer", "mentor"], sectors: ["water", "roads"], languages: ["fil", "bik", "en"], publicEngagement: true,
    skills: [{ code: "civil_engineering", level: "expert", years: 12 }, { code: "water_sanitation", level: "advanced", years: 8 }, { code: "project_management", level: "advanced", years: 6 }] },
  naga(1, "Ramon Bautista", "AE", "Abu Dhabi", ["donate", "volunteer"], ["education", "health"], ["teaching", "nursing"]),
  naga(2, "Liza Villanueva", "AE", "Dubai", ["volunteer", "mentor"], ["education"], ["teaching", "mentoring"]),
  naga(3, "Noel Aquino", "AE", "Sharjah", ["donate", "volunteer"], ["education", "disaster"], ["teaching", "disaster_response"]),
  naga(4, "Grace Mendoza", "AE", "Dubai", ["donate", "return"], ["education", "livelihood"], ["teaching", "bookkeeping"]),
  naga(5, "Paolo Reyes", "AE", "Dubai", ["volunteer", "invest"], ["education", "technology"], ["teaching", "software_development"]),
  naga(6, "Cora Dizon", "QA", "Doha", ["donate"], ["health"], ["nursing"]),
  // A returnee: a mechanic back from Saudi Arabia, at home in Pili near Naga (his job profile and
  // certificate are in seed-jobs.server.ts).
  { id: "00000000-0000-4000-8000-0000000000c1", email: "dindo.cruz@example.org", displayName: "Dindo Cruz", country: "PH", city: "Pili", locale: "en", timeZone: "Asia/Manila", hometown: "PH-PILI", willingness: ["return"], sectors: ["livelihood"],
    skills: [{ code: "motor_vehicle_mechanics", level: "advanced", years: 9 }, { code: "welding", level: "intermediate", years: 5 }, { code: "professional_driving", level: "intermediate", years: 6 }] },
];

/**
 * Accounts that can sign in, for trying the portal. Only on the embedded default (never on a
 * database given by DATABASE_URL): their passwords are printed in the README.
 */
export const demoAccounts = [
  { id: "00000000-0000-4000-8000-0000000000a1", email: "admin@tulay.example", password: "tulay-demo-admin", displayName: "Tulay Admin", platformAdmin: true },
  { id: "00000000-0000-4000-8000-0000000000a2", email: "naga.admin@tulay.example", password: "tulay-demo-staff", displayName: "Ana Reyes", lgu: "naga-city", lguRole: "admin" },
  { id: "00000000-0000-4000-8000-0000000000a3", email: "naga.editor@tulay.example", password: "tulay-demo-staff", displayName: "Ben Santos", lgu: "naga-city", lguRole: "editor" },
  { id: "00000000-0000-4000-8000-0000000000a4", email: "naga.permits@tulay.example", password: "tulay-demo-staff", displayName: "Carla Dizon", lgu: "naga-city", lguRole: "permits_officer" },
  { id: "00000000-0000-4000-8000-0000000000a5", email: "naga.invest@tulay.example", password: "tulay-demo-staff", displayName: "Dante Villareal", lgu: "naga-city", lguRole: "investment_officer" },
];
export const demoMemberPassword = "tulay-demo-member";

export async function seedDemo(
  url: string,
  options: { accounts?: boolean } = {},
): Promise<{ places: number; lgus: number; profiles: number; accounts: number; projects: number }> {
  const withAccounts = options.accounts ?? false;
  const memberHash = withAccounts ? bcrypt.hashSync(demoMemberPassword, 10) : null;
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle(client, { schema });
  try {
    return await db.transaction(async (tx) => {
      const ids = new Map<string, string>();
      for (const place of demoPlaces) {
        const parentId = place.parent ? ids.get(place.parent) : null;
        if (place.parent && !parentId) throw new Error(`seed: parent ${place.parent} of ${place.key} not seeded first`);
        const existing = await tx.execute<{ id: string }>(sql`
          select id from places
          where name = ${place.name} and parent_id is not distinct from ${parentId ?? null}::uuid`);
        let id = existing[0]?.id;
        if (id) {
          await tx.execute(sql`update places set kind = ${place.kind}, country_code = ${place.countryCode},
            official_code = ${place.officialCode ?? null} where id = ${id}::uuid`);
        } else {
          const [row] = await tx
            .insert(schema.places)
            .values({ parentId: parentId ?? null, kind: place.kind, name: place.name, countryCode: place.countryCode, officialCode: place.officialCode })
            .returning({ id: schema.places.id });
          id = row!.id;
        }
        ids.set(place.key, id);
      }

      for (const lgu of demoLgus) {
        const values = {
          placeId: ids.get(lgu.place)!,
          name: lgu.name,
          slug: lgu.slug,
          description: lgu.description,
          website: lgu.website ?? null,
          contactEmail: lgu.contactEmail ?? null,
          contactPhone: lgu.contactPhone ?? null,
          address: lgu.address ?? null,
          verificationStatus: lgu.verified ? ("verified" as const) : ("pending" as const),
        };
        await tx
          .insert(schema.lgus)
          .values({ ...values, verifiedAt: lgu.verified ? new Date("2026-01-15T00:00:00Z") : null })
          .onConflictDoUpdate({
            target: schema.lgus.slug,
            set: {
              ...values,
              // Keep the first verification date; only clear it when the seed says unverified.
              verifiedAt: lgu.verified ? sql`coalesce(${schema.lgus.verifiedAt}, '2026-01-15T00:00:00Z')` : null,
            },
          });
      }

      for (const member of demoMembers) {
        await tx.execute(sql`
          insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_user_meta_data, raw_app_meta_data)
          values (${member.id}::uuid, 'authenticated', 'authenticated', ${member.email}, ${memberHash}, now(),
                  ${JSON.stringify({ display_name: member.displayName })}::jsonb, '{"provider":"email","providers":["email"]}'::jsonb)
          on conflict (id) do update set email = excluded.email, raw_user_meta_data = excluded.raw_user_meta_data,
            encrypted_password = coalesce(excluded.encrypted_password, auth.users.encrypted_password)`);
        const profile = {
          displayName: member.displayName,
          countryOfResidence: member.country,
          city: member.city,
          preferredLocale: member.locale,
          timeZone: member.timeZone,
          willingness: member.willingness ?? [],
          sectors: member.sectors ?? [],
          languages: member.languages ?? [],
          basicsVisibility: member.publicEngagement ? ("public" as const) : ("lgu_aggregate" as const),
          engagementVisibility: member.publicEngagement ? ("public" as const) : ("lgu_aggregate" as const),
        };
        await tx.insert(schema.profiles).values({ id: member.id, ...profile }).onConflictDoUpdate({ target: schema.profiles.id, set: profile });
        if (member.hometown) {
          await tx.insert(schema.profileHometowns).values({ profileId: member.id, placeId: ids.get(member.hometown)! }).onConflictDoNothing();
        }
        for (const skill of member.skills ?? []) {
          await tx
            .insert(schema.memberSkills)
            .values({ profileId: member.id, skillCode: skill.code, level: skill.level, years: skill.years })
            .onConflictDoUpdate({ target: [schema.memberSkills.profileId, schema.memberSkills.skillCode], set: { level: skill.level, years: skill.years } });
        }
      }

      const projectCount = await seedProjects(tx, ids);
      await seedPermits(tx);
      await seedPropertyTax(tx);
      await seedReturnGuide(tx, ids);
      await seedJobs(tx, { accounts: withAccounts, hash: (password) => bcrypt.hashSync(password, 10) });
      // Demo exchange rates (US dollars per unit, rounded; an admin keeps the real ones on /admin/rates).
      const demoRates: [string, string][] = [
        ["USD", "1"], ["PHP", "0.0172"], ["MXN", "0.055"], ["GTQ", "0.13"], ["MAD", "0.1"], ["XOF", "0.00165"], ["EUR", "1.08"],
        ["GBP", "1.27"], ["CAD", "0.73"], ["AUD", "0.66"], ["JPY", "0.0066"], ["AED", "0.2723"], ["SAR", "0.2667"], ["SGD", "0.74"],
        ["HKD", "0.128"], ["QAR", "0.2747"], ["KWD", "3.25"], ["CHF", "1.12"],
      ];
      await tx.insert(schema.exchangeRates).values(demoRates.map(([currency, usdPerUnit]) => ({ currency, usdPerUnit }))).onConflictDoNothing();

      if (withAccounts) {
        for (const account of demoAccounts) {
          await tx.execute(sql`
            insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_user_meta_data, raw_app_meta_data)
            values (${account.id}::uuid, 'authenticated', 'authenticated', ${account.email}, ${bcrypt.hashSync(account.password, 10)}, now(),
                    ${JSON.stringify({ display_name: account.displayName })}::jsonb, '{"provider":"email","providers":["email"]}'::jsonb)
            on conflict (id) do nothing`);
          await tx.insert(schema.profiles).values({ id: account.id, displayName: account.displayName }).onConflictDoNothing();
          if (account.platformAdmin) {
            await tx.insert(schema.platformAdmins).values({ userId: account.id }).onConflictDoNothing();
          }
          if (account.lgu && account.lguRole) {
            await tx.execute(sql`
              insert into lgu_memberships (lgu_id, user_id, role)
              select id, ${account.id}::uuid, ${account.lguRole}::lgu_role from lgus where slug = ${account.lgu}
              on conflict do nothing`);
          }
        }
      }

      await seedInvestments(tx);

      return {
        places: demoPlaces.length,
        lgus: demoLgus.length,
        profiles: demoMembers.length,
        accounts: withAccounts ? demoAccounts.length + demoMembers.length : 0,
        projects: projectCount,
      };
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}
