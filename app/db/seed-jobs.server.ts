/**
 * Demo jobs (issue 8): a verified employer in Naga City (Bicol Auto Works, a car repair shop) and
 * the City Government of Naga post jobs, among them a mechanic's job and a software developer's
 * (remote possible); a returnee mechanic from Pili, Camarines Sur (near Naga) has a job-seeking
 * profile with a certificate earned in Saudi Arabia. With accounts (the embedded default only), a
 * demo employer account runs Bicol Auto Works and the mechanic can sign in. Idempotent: fixed ids, upserts; closing dates are moved to
 * 60 days after each run, so the demo jobs stay open.
 */
import { sql } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tx = PgTransaction<any, any, any>;

export const demoEmployer = {
  id: "00000000-0000-4000-8000-0000000000b1",
  email: "employer@tulay.example",
  password: "tulay-demo-staff",
  displayName: "Rodel Ocampo",
  organisationSlug: "bicol-auto-works",
};

export const demoReturnee = {
  id: "00000000-0000-4000-8000-0000000000c1",
  email: "dindo.cruz@example.org",
  displayName: "Dindo Cruz",
};

const ORGANISATION_ID = "00000000-0000-4000-8000-0000000000d1";

interface JobSeed {
  id: string;
  poster: { organisation: string } | { lgu: string };
  place: string;
  title: Record<string, string>;
  description: Record<string, string>;
  sector: string;
  occupation: string;
  required: string[];
  preferred: string[];
  languages: string[];
  type: string;
  salary: [number, number] | null;
  openings: number;
  remote?: boolean;
}

const jobs: JobSeed[] = [
  {
    id: "00000000-0000-4000-8000-0000000000e1",
    poster: { organisation: demoEmployer.organisationSlug },
    place: "Naga City",
    title: { en: "Automotive mechanic", fil: "Mekaniko ng sasakyan", es: "Mecánico automotriz", fr: "Mécanicien automobile", ar: "ميكانيكي سيارات" },
    description: {
      en: "Diagnose and repair cars, vans and light trucks in our shop on Panganiban Drive: engines, brakes, suspension and air conditioning.\n\nExperience abroad is welcome; we help you have your certificates recognised by TESDA. Monday to Saturday, 8:00 to 17:00, with overtime paid.",
      fil: "Mag-diagnose at mag-ayos ng kotse, van at light truck sa aming shop sa Panganiban Drive: makina, preno, suspension at aircon.\n\nTinatanggap ang karanasan sa abroad; tutulungan ka naming maipakilala sa TESDA ang iyong mga sertipiko. Lunes hanggang Sabado, 8:00 hanggang 17:00, may bayad ang overtime.",
    },
    sector: "G",
    occupation: "72",
    required: ["motor_vehicle_mechanics"],
    preferred: ["welding", "auto_electrical"],
    languages: ["fil", "bik"],
    type: "full_time",
    salary: [1_800_000, 2_500_000],
    openings: 2,
  },
  {
    id: "00000000-0000-4000-8000-0000000000e2",
    poster: { organisation: demoEmployer.organisationSlug },
    place: "Naga City",
    title: { en: "Auto electrician", fil: "Auto electrician", es: "Electricista automotriz", fr: "Électricien automobile", ar: "كهربائي سيارات" },
    description: {
      en: "Find and fix electrical faults in cars and motorcycles: wiring, batteries, starters, alternators, sensors. You read wiring diagrams and use a multimeter and a scan tool.",
    },
    sector: "G",
    occupation: "74",
    required: ["auto_electrical"],
    preferred: ["motor_vehicle_mechanics"],
    languages: ["fil"],
    type: "full_time",
    salary: [1_600_000, 2_000_000],
    openings: 1,
  },
  {
    id: "00000000-0000-4000-8000-0000000000e3",
    poster: { lgu: "naga-city" },
    place: "Naga City",
    title: { en: "Heavy equipment mechanic, City Engineering Office", fil: "Mekaniko ng heavy equipment, City Engineering Office" },
    description: {
      en: "Maintain and repair the city's motor pool: dump trucks, backhoes, road rollers and service vehicles. Contract of service, renewable.",
      fil: "Panatilihin at ayusin ang motor pool ng lungsod: dump truck, backhoe, road roller at mga service vehicle. Contract of service, maaaring i-renew.",
    },
    sector: "O",
    occupation: "72",
    required: ["motor_vehicle_mechanics"],
    preferred: ["professional_driving", "welding"],
    languages: ["fil", "bik"],
    type: "contract",
    salary: [1_750_000, 1_750_000],
    openings: 1,
  },
  {
    id: "00000000-0000-4000-8000-0000000000e4",
    poster: { lgu: "naga-city" },
    place: "Naga City",
    title: { en: "Tourism information officer", fil: "Tourism information officer" },
    description: {
      en: "Welcome visitors at the city tourism office, answer questions in English and Filipino, and help organise the Peñafrancia festival programme.",
    },
    sector: "O",
    occupation: "42",
    required: ["tourism", "customer_service"],
    preferred: ["translation"],
    languages: ["en", "fil"],
    type: "contract",
    salary: null,
    openings: 1,
  },
  // Remote or at City Hall: fits Paolo Reyes, a software developer in Dubai from Naga (seed.server.ts),
  // and so reaches him in a fresh demo's weekly digest.
  {
    id: "00000000-0000-4000-8000-0000000000e5",
    poster: { lgu: "naga-city" },
    place: "Naga City",
    title: {
      en: "Software developer, City ICT Office (remote possible)",
      fil: "Software developer, City ICT Office (puwedeng remote)",
      es: "Desarrollador de software, Oficina TIC de la ciudad (posible a distancia)",
    },
    description: {
      en: "Build and maintain the city's online services: business permits, property tax payments and the scholarship portal. Work from City Hall or remotely, with a week in Naga each quarter.",
      fil: "Bumuo at magpanatili ng mga online na serbisyo ng lungsod: business permit, pagbabayad ng amilyar at ang scholarship portal. Magtrabaho sa City Hall o remote, na may isang linggo sa Naga bawat quarter.",
    },
    sector: "O",
    occupation: "25",
    required: ["software_development"],
    preferred: ["web_development"],
    languages: ["fil", "en"],
    type: "contract",
    salary: [4_500_000, 6_500_000],
    openings: 1,
    remote: true,
  },
];

/** The demo jobs, their employer and the returnee; returns how many jobs. */
export async function seedJobs(tx: Tx, options: { accounts: boolean; hash: (password: string) => string }): Promise<number> {
  await tx.execute(sql`
    insert into organisations (id, kind, name, slug, description, home_place_id, contact_email, verification_status, verified_at)
    select ${ORGANISATION_ID}::uuid, 'employer', 'Bicol Auto Works', ${demoEmployer.organisationSlug},
      ${JSON.stringify({ en: "Car and light truck repair shop in Naga City since 1998.", fil: "Repair shop ng kotse at light truck sa Lungsod ng Naga mula 1998." })}::jsonb,
      p.id, 'jobs@bicolautoworks.example', 'verified', '2026-02-01T00:00:00Z'
    from places p where p.name = 'Naga City'
    on conflict (id) do update set name = excluded.name, description = excluded.description`);

  if (options.accounts) {
    await tx.execute(sql`
      insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_user_meta_data, raw_app_meta_data)
      values (${demoEmployer.id}::uuid, 'authenticated', 'authenticated', ${demoEmployer.email}, ${options.hash(demoEmployer.password)}, now(),
              ${JSON.stringify({ display_name: demoEmployer.displayName })}::jsonb, '{"provider":"email","providers":["email"]}'::jsonb)
      on conflict (id) do nothing`);
    await tx.execute(sql`insert into profiles (id, display_name) values (${demoEmployer.id}::uuid, ${demoEmployer.displayName}) on conflict do nothing`);
    await tx.execute(sql`insert into organisation_memberships (organisation_id, user_id, role) values (${ORGANISATION_ID}::uuid, ${demoEmployer.id}::uuid, 'officer')
                         on conflict do nothing`);
  }

  // The returnee (a demo member, seed.server.ts): a mechanic back from Saudi Arabia, from Pili.
  await tx.execute(sql`
    update profiles set languages = '{fil,bik,en,ar}', years_abroad = 9, countries_worked = '{SA}', occupation = 'Automotive technician'
    where id = ${demoReturnee.id}::uuid`);
  await tx.execute(sql`
    insert into jobseeker_profiles (profile_id, occupation_code, open_to_remote, experience)
    values (${demoReturnee.id}::uuid, '72', false,
            'Automotive technician, Al-Jazirah Motors, Riyadh, Saudi Arabia (2017-2026): engine overhaul, brakes and suspension, diagnostics with scan tools.')
    on conflict (profile_id) do nothing`);
  await tx.execute(sql`
    insert into jobseeker_certificates (id, profile_id, title, issuer, country_code, year, recognition, local_equivalent)
    values ('00000000-0000-4000-8000-0000000000c2'::uuid, ${demoReturnee.id}::uuid, 'Automotive Technician Level 3', 'Technical and Vocational Training Corporation', 'SA', 2019,
            'recognised', 'TESDA NC II Automotive Servicing')
    on conflict (id) do nothing`);

  for (const job of jobs) {
    const poster =
      "organisation" in job.poster
        ? sql`(select null::uuid), (select id from organisations where slug = ${job.poster.organisation})`
        : sql`(select id from lgus where slug = ${job.poster.lgu}), (select null::uuid)`;
    await tx.execute(sql`
      insert into jobs (id, lgu_id, organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages,
                        place_id, remote, employment_type, salary_min_minor, salary_max_minor, salary_currency, openings, closes_on, posted_by)
      values (${job.id}::uuid, ${poster}, ${JSON.stringify(job.title)}::jsonb, ${JSON.stringify(job.description)}::jsonb, ${job.sector}, ${job.occupation},
              ${`{${job.required.join(",")}}`}::text[], ${`{${job.preferred.join(",")}}`}::text[], ${`{${job.languages.join(",")}}`}::text[],
              (select id from places where name = ${job.place} limit 1), ${job.remote ?? false}, ${job.type}::employment_type,
              ${job.salary?.[0] ?? null}::bigint, ${job.salary?.[1] ?? null}::bigint, ${job.salary ? "PHP" : null}, ${job.openings}, current_date + 60, null)
      on conflict (id) do update set title = excluded.title, description = excluded.description, closes_on = excluded.closes_on, status = 'open'`);
  }
  return jobs.length;
}
