// Translations are bundled into the server build; the browser receives only the active language's
// strings through the root loader (no extra request, nothing to load before hydration).
// One namespace per area, so each area's strings live in their own file (public/locales/<lng>/<ns>.json).
import en_common from "../../public/locales/en/common.json";
import en_auth from "../../public/locales/en/auth.json";
import en_account from "../../public/locales/en/account.json";
import en_organisations from "../../public/locales/en/organisations.json";
import en_admin from "../../public/locales/en/admin.json";
import en_projects from "../../public/locales/en/projects.json";
import en_giving from "../../public/locales/en/giving.json";
import en_services from "../../public/locales/en/services.json";
import en_permits from "../../public/locales/en/permits.json";
import en_tax from "../../public/locales/en/tax.json";
import en_invest from "../../public/locales/en/invest.json";
import en_returnGuide from "../../public/locales/en/returnGuide.json";
import en_volunteer from "../../public/locales/en/volunteer.json";
import en_matching from "../../public/locales/en/matching.json";
import en_digest from "../../public/locales/en/digest.json";
import en_skills from "../../public/locales/en/skills.json";
import en_jobs from "../../public/locales/en/jobs.json";
import fil_common from "../../public/locales/fil/common.json";
import fil_auth from "../../public/locales/fil/auth.json";
import fil_account from "../../public/locales/fil/account.json";
import fil_organisations from "../../public/locales/fil/organisations.json";
import fil_admin from "../../public/locales/fil/admin.json";
import fil_projects from "../../public/locales/fil/projects.json";
import fil_giving from "../../public/locales/fil/giving.json";
import fil_services from "../../public/locales/fil/services.json";
import fil_permits from "../../public/locales/fil/permits.json";
import fil_tax from "../../public/locales/fil/tax.json";
import fil_invest from "../../public/locales/fil/invest.json";
import fil_returnGuide from "../../public/locales/fil/returnGuide.json";
import fil_volunteer from "../../public/locales/fil/volunteer.json";
import fil_matching from "../../public/locales/fil/matching.json";
import fil_digest from "../../public/locales/fil/digest.json";
import fil_skills from "../../public/locales/fil/skills.json";
import fil_jobs from "../../public/locales/fil/jobs.json";
import es_common from "../../public/locales/es/common.json";
import es_auth from "../../public/locales/es/auth.json";
import es_account from "../../public/locales/es/account.json";
import es_organisations from "../../public/locales/es/organisations.json";
import es_admin from "../../public/locales/es/admin.json";
import es_projects from "../../public/locales/es/projects.json";
import es_giving from "../../public/locales/es/giving.json";
import es_services from "../../public/locales/es/services.json";
import es_permits from "../../public/locales/es/permits.json";
import es_tax from "../../public/locales/es/tax.json";
import es_invest from "../../public/locales/es/invest.json";
import es_returnGuide from "../../public/locales/es/returnGuide.json";
import es_volunteer from "../../public/locales/es/volunteer.json";
import es_matching from "../../public/locales/es/matching.json";
import es_digest from "../../public/locales/es/digest.json";
import es_skills from "../../public/locales/es/skills.json";
import es_jobs from "../../public/locales/es/jobs.json";
import fr_common from "../../public/locales/fr/common.json";
import fr_auth from "../../public/locales/fr/auth.json";
import fr_account from "../../public/locales/fr/account.json";
import fr_organisations from "../../public/locales/fr/organisations.json";
import fr_admin from "../../public/locales/fr/admin.json";
import fr_projects from "../../public/locales/fr/projects.json";
import fr_giving from "../../public/locales/fr/giving.json";
import fr_services from "../../public/locales/fr/services.json";
import fr_permits from "../../public/locales/fr/permits.json";
import fr_tax from "../../public/locales/fr/tax.json";
import fr_invest from "../../public/locales/fr/invest.json";
import fr_returnGuide from "../../public/locales/fr/returnGuide.json";
import fr_volunteer from "../../public/locales/fr/volunteer.json";
import fr_matching from "../../public/locales/fr/matching.json";
import fr_digest from "../../public/locales/fr/digest.json";
import fr_skills from "../../public/locales/fr/skills.json";
import fr_jobs from "../../public/locales/fr/jobs.json";
import ar_common from "../../public/locales/ar/common.json";
import ar_auth from "../../public/locales/ar/auth.json";
import ar_account from "../../public/locales/ar/account.json";
import ar_organisations from "../../public/locales/ar/organisations.json";
import ar_admin from "../../public/locales/ar/admin.json";
import ar_projects from "../../public/locales/ar/projects.json";
import ar_giving from "../../public/locales/ar/giving.json";
import ar_services from "../../public/locales/ar/services.json";
import ar_permits from "../../public/locales/ar/permits.json";
import ar_tax from "../../public/locales/ar/tax.json";
import ar_invest from "../../public/locales/ar/invest.json";
import ar_returnGuide from "../../public/locales/ar/returnGuide.json";
import ar_volunteer from "../../public/locales/ar/volunteer.json";
import ar_matching from "../../public/locales/ar/matching.json";
import ar_digest from "../../public/locales/ar/digest.json";
import ar_skills from "../../public/locales/ar/skills.json";
import ar_jobs from "../../public/locales/ar/jobs.json";
import type { Language } from "./config";

type Bundle = { common: typeof en_common; auth: typeof en_auth; account: typeof en_account; organisations: typeof en_organisations; admin: typeof en_admin; projects: typeof en_projects; giving: typeof en_giving; services: typeof en_services; permits: typeof en_permits; tax: typeof en_tax; invest: typeof en_invest; returnGuide: typeof en_returnGuide; volunteer: typeof en_volunteer; matching: typeof en_matching; digest: typeof en_digest; skills: typeof en_skills; jobs: typeof en_jobs };
export type Namespace = keyof Bundle;

export const resources: Record<Language, Bundle> = {
  en: { common: en_common, auth: en_auth, account: en_account, organisations: en_organisations, admin: en_admin, projects: en_projects, giving: en_giving, services: en_services, permits: en_permits, tax: en_tax, invest: en_invest, returnGuide: en_returnGuide, volunteer: en_volunteer, matching: en_matching, digest: en_digest, skills: en_skills, jobs: en_jobs },
  fil: { common: fil_common as typeof en_common, auth: fil_auth as typeof en_auth, account: fil_account as typeof en_account, organisations: fil_organisations as typeof en_organisations, admin: fil_admin as typeof en_admin, projects: fil_projects as typeof en_projects, giving: fil_giving as typeof en_giving, services: fil_services as typeof en_services, permits: fil_permits as typeof en_permits, tax: fil_tax as typeof en_tax, invest: fil_invest as typeof en_invest, returnGuide: fil_returnGuide as typeof en_returnGuide, volunteer: fil_volunteer as typeof en_volunteer, matching: fil_matching as typeof en_matching, digest: fil_digest as typeof en_digest, skills: fil_skills as typeof en_skills, jobs: fil_jobs as typeof en_jobs },
  es: { common: es_common as typeof en_common, auth: es_auth as typeof en_auth, account: es_account as typeof en_account, organisations: es_organisations as typeof en_organisations, admin: es_admin as typeof en_admin, projects: es_projects as typeof en_projects, giving: es_giving as typeof en_giving, services: es_services as typeof en_services, permits: es_permits as typeof en_permits, tax: es_tax as typeof en_tax, invest: es_invest as typeof en_invest, returnGuide: es_returnGuide as typeof en_returnGuide, volunteer: es_volunteer as typeof en_volunteer, matching: es_matching as typeof en_matching, digest: es_digest as typeof en_digest, skills: es_skills as typeof en_skills, jobs: es_jobs as typeof en_jobs },
  fr: { common: fr_common as typeof en_common, auth: fr_auth as typeof en_auth, account: fr_account as typeof en_account, organisations: fr_organisations as typeof en_organisations, admin: fr_admin as typeof en_admin, projects: fr_projects as typeof en_projects, giving: fr_giving as typeof en_giving, services: fr_services as typeof en_services, permits: fr_permits as typeof en_permits, tax: fr_tax as typeof en_tax, invest: fr_invest as typeof en_invest, returnGuide: fr_returnGuide as typeof en_returnGuide, volunteer: fr_volunteer as typeof en_volunteer, matching: fr_matching as typeof en_matching, digest: fr_digest as typeof en_digest, skills: fr_skills as typeof en_skills, jobs: fr_jobs as typeof en_jobs },
  ar: { common: ar_common as typeof en_common, auth: ar_auth as typeof en_auth, account: ar_account as typeof en_account, organisations: ar_organisations as typeof en_organisations, admin: ar_admin as typeof en_admin, projects: ar_projects as typeof en_projects, giving: ar_giving as typeof en_giving, services: ar_services as typeof en_services, permits: ar_permits as typeof en_permits, tax: ar_tax as typeof en_tax, invest: ar_invest as typeof en_invest, returnGuide: ar_returnGuide as typeof en_returnGuide, volunteer: ar_volunteer as typeof en_volunteer, matching: ar_matching as typeof en_matching, digest: ar_digest as typeof en_digest, skills: ar_skills as typeof en_skills, jobs: ar_jobs as typeof en_jobs },
};
