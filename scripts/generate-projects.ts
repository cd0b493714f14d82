/**
 * `npm run perf:generate`: the data set of issue 4's performance requirement — 1,700 verified LGUs
 * (country > province > municipality, in six countries) and 50,000 projects with budget lines and
 * needs, titles and summaries in the languages each country writes in. Loads into DATABASE_URL or,
 * when unset, a dedicated embedded PostgreSQL at .data/perf-postgres (never the demo's database).
 *
 * Deterministic: one seeded PRNG draws every value, ids included, so a re-run writes the same rows.
 * Idempotent: the perf rows (places whose official code starts with PERF-, except generate-jobs.ts's
 * PERF-JOBS- ones, their LGUs and those LGUs' projects) are deleted first; other rows (the demo's)
 * are left alone. Runs as the table owner, so RLS does not apply, but the triggers do (the search
 * document is built by the database).
 *
 * Options: --projects N --lgus N (smaller sets for a quick try), --seed N.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/db/embedded-postgres.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { projectRoot } from "../app/db/paths.server";

export const PERF_PG_DIR = ".data/perf-postgres";
const BATCH = 1000;

const { values: options } = parseArgs({
  options: {
    projects: { type: "string", default: "50000" },
    lgus: { type: "string", default: "1700" },
    seed: { type: "string", default: "20261123" },
  },
});
const PROJECT_COUNT = Number(options.projects);
const LGU_COUNT = Number(options.lgus);

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32): the data must not depend on Math.random.
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(options.seed));
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
function uuid(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const slugify = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const day = (base: Date, offsetDays: number) => new Date(base.getTime() + offsetDays * 86_400_000);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Places. Province names are real; municipality names are drawn from each country's common
// place-name parts, so they read like real towns without claiming to be a gazetteer.
type Locale = "en" | "fil" | "es" | "fr" | "ar";
interface Country {
  code: string;
  name: string;
  currency: string;
  /** How many minor units make one unit (XOF has none). */
  minor: number;
  locales: Locale[];
  share: number;
  provinces: string[];
  townParts: [string[], string[]];
  village: string[];
  goal: [number, number];
}

const countries: Country[] = [
  {
    code: "PH", name: "Philippines", currency: "PHP", minor: 100, locales: ["en", "fil"], share: 0.45, goal: [200_000, 25_000_000],
    provinces: ["Abra", "Aklan", "Albay", "Antique", "Batangas", "Benguet", "Bohol", "Bukidnon", "Bulacan", "Cagayan", "Camarines Norte", "Camarines Sur", "Capiz", "Catanduanes", "Cavite", "Cebu", "Davao del Norte", "Eastern Samar", "Ifugao", "Ilocos Norte", "Ilocos Sur", "Iloilo", "Isabela", "La Union", "Laguna", "Leyte", "Marinduque", "Masbate", "Misamis Oriental", "Negros Occidental", "Negros Oriental", "Nueva Ecija", "Palawan", "Pampanga", "Pangasinan", "Quezon", "Samar", "Sorsogon", "Tarlac", "Zambales"],
    townParts: [["San", "Santa", "Santo", "Bagong", "Pinaglabanan", "Mabini", "Rizal", "Del", "Bayan ng", "Magsaysay"], ["Isidro", "Cruz", "Tomas", "Rosa", "Jose", "Nicolas", "Lucia", "Barbara", "Pilar", "Miguel", "Rafael", "Vicente", "Mateo", "Gabriel", "Ildefonso", "Quintin", "Esteban", "Fernando", "Narciso", "Teresa", "Carmen", "Remedios"]],
    village: ["Barangay Poblacion", "Barangay San Roque", "Barangay Malinis", "Barangay Bagumbayan", "Barangay Maligaya", "Barangay Tabing-Ilog", "Barangay Bukid", "Barangay Dalampasigan"],
  },
  {
    code: "MX", name: "Mexico", currency: "MXN", minor: 100, locales: ["es", "en"], share: 0.17, goal: [100_000, 8_000_000],
    provinces: ["Guanajuato", "Jalisco", "Michoacán", "Zacatecas", "Oaxaca", "Puebla", "Guerrero", "Hidalgo", "San Luis Potosí", "Durango", "Chiapas", "Veracruz"],
    townParts: [["San", "Santa", "Villa de", "Valle de", "Santiago", "Real de", "Ciudad", "Tierra"], ["Felipe", "Miguel", "Juan", "María", "Pedro", "Lucía", "Catalina", "Andrés", "Ignacio", "Guadalupe", "Francisco", "Bartolo", "Cristóbal", "Diego", "Tomás", "Jerónimo", "Matías", "Nicolás"]],
    village: ["la colonia Centro", "la comunidad de El Rosario", "el ejido La Esperanza", "la ranchería Los Pinos", "el barrio de San Antonio", "la localidad de Agua Zarca"],
  },
  {
    code: "SV", name: "El Salvador", currency: "USD", minor: 100, locales: ["es", "en"], share: 0.1, goal: [10_000, 600_000],
    provinces: ["Ahuachapán", "Cabañas", "Chalatenango", "Cuscatlán", "La Libertad", "La Paz", "La Unión", "Morazán", "San Miguel", "San Salvador", "San Vicente", "Santa Ana", "Sonsonate", "Usulután"],
    townParts: [["San", "Santa", "Nueva", "Villa", "Concepción de", "Santiago de", "El", "Ciudad"], ["Rafael", "Isidro", "Rosa", "Lorenzo", "Francisco", "Jorge", "Alejo", "Dolores", "Ana", "Elena", "Carlos", "Luis", "Gerardo", "Cayetano", "Sebastián", "Marcos"]],
    village: ["el cantón El Carmen", "el caserío Los Amates", "el cantón Las Flores", "la colonia San José", "el cantón La Joya"],
  },
  {
    code: "GT", name: "Guatemala", currency: "GTQ", minor: 100, locales: ["es", "en"], share: 0.08, goal: [50_000, 4_000_000],
    provinces: ["Huehuetenango", "San Marcos", "Quetzaltenango", "Totonicapán", "Quiché", "Sololá", "Alta Verapaz", "Chimaltenango", "Jutiapa", "Petén"],
    townParts: [["San", "Santa", "Santiago", "San Juan", "San Pedro", "Concepción", "Santo Domingo"], ["Atitlán", "Sacatepéquez", "Cotzal", "Ixcoy", "Chichicastenango", "Nebaj", "La Laguna", "Comalapa", "Tectitán", "Cuilco", "Ostuncalco", "Momostenango", "Chajul", "Ixtahuacán"]],
    village: ["la aldea Xequemeyá", "el caserío Chuicacá", "la aldea El Rancho", "el cantón Paxtocá", "la aldea Tzununá"],
  },
  {
    code: "MA", name: "Morocco", currency: "MAD", minor: 100, locales: ["ar", "fr", "en"], share: 0.12, goal: [50_000, 3_000_000],
    provinces: ["Taroudant", "Tiznit", "Ouarzazate", "Azilal", "Béni Mellal", "Nador", "Al Hoceïma", "Khouribga", "Settat", "Chefchaouen", "Errachidia", "Zagora", "Guelmim", "Tata"],
    townParts: [["Aït", "Sidi", "Tizi", "Oulad", "Ain", "Tafraout", "Imi n'", "Dar"], ["Baha", "Ouzzine", "Bou Othmane", "Youssef", "Abdellah", "Tamanar", "Tagmoute", "Ouaziz", "Said", "Ali", "Hammou", "Issafen", "Mzal", "Ighil", "Amlou"]],
    village: ["le douar Ighrem", "le douar Tagadirt", "le douar Anamer", "le douar Tazoult", "le douar Aguerd"],
  },
  {
    code: "SN", name: "Senegal", currency: "XOF", minor: 1, locales: ["fr", "en"], share: 0.08, goal: [2_000_000, 150_000_000],
    provinces: ["Diourbel", "Fatick", "Kaffrine", "Kaolack", "Kédougou", "Kolda", "Louga", "Matam", "Saint-Louis", "Sédhiou", "Tambacounda", "Thiès", "Ziguinchor"],
    townParts: [["Ndiaye", "Keur", "Thiadiaye", "Ndoffane", "Médina", "Darou", "Ndiop", "Sinthiou"], ["Mbaye", "Samba", "Massar", "Moussa", "Sall", "Diop", "Seck", "Fall", "Gaye", "Khadim", "Ndour", "Tall", "Wade", "Cissé"]],
    village: ["le village de Ndiamsil", "le quartier Escale", "le village de Keur Madiop", "le village de Thiénaba", "le quartier Médina"],
  },
];

// ---------------------------------------------------------------------------------------------
// Project text: per sector, parallel word lists (the same thing in each language), and templates.
type Words = Record<Locale, string>;
const w = (en: string, fil: string, es: string, fr: string, ar: string): Words => ({ en, fil, es, fr, ar });

const sectorThings: Record<string, { sdg: number[]; things: Words[] }> = {
  education: { sdg: [4, 10], things: [
    w("Scholarships for deserving students", "Iskolarsip para sa karapat-dapat na mag-aaral", "Becas para estudiantes destacados", "Bourses pour élèves méritants", "منح دراسية للطلاب المتفوقين"),
    w("New classrooms for the elementary school", "Bagong silid-aralan para sa paaralang elementarya", "Nuevas aulas para la escuela primaria", "Nouvelles salles de classe pour l'école primaire", "فصول دراسية جديدة للمدرسة الابتدائية"),
    w("School library and books", "Silid-aklatan at mga aklat ng paaralan", "Biblioteca escolar y libros", "Bibliothèque scolaire et livres", "مكتبة مدرسية وكتب"),
    w("Computers for the high school", "Mga kompyuter para sa mataas na paaralan", "Computadoras para el colegio", "Ordinateurs pour le lycée", "حواسيب للمدرسة الثانوية"),
  ] },
  health: { sdg: [3], things: [
    w("Rural health centre", "Sentrong pangkalusugan sa kanayunan", "Centro de salud rural", "Centre de santé rural", "مركز صحي قروي"),
    w("Ambulance for the municipality", "Ambulansya para sa bayan", "Ambulancia para el municipio", "Ambulance pour la commune", "سيارة إسعاف للجماعة"),
    w("Maternity clinic equipment", "Kagamitan ng klinika para sa mga ina", "Equipo para la clínica materna", "Équipement de la maternité", "معدات مستوصف الولادة"),
    w("Medicines for the barangay pharmacy", "Gamot para sa botika ng barangay", "Medicinas para la farmacia comunitaria", "Médicaments pour la pharmacie communautaire", "أدوية للصيدلية المحلية"),
  ] },
  water: { sdg: [6], things: [
    w("Drinking water system", "Sistema ng malinis na tubig", "Sistema de agua potable", "Réseau d'eau potable", "شبكة الماء الصالح للشرب"),
    w("Rainwater tanks", "Mga tangke ng tubig-ulan", "Tanques de agua de lluvia", "Citernes d'eau de pluie", "خزانات مياه الأمطار"),
    w("Deep water well", "Malalim na balon ng tubig", "Pozo profundo de agua", "Puits d'eau profond", "بئر ماء عميقة"),
    w("Irrigation canal", "Kanal ng patubig", "Canal de irrigación", "Canal d'irrigation", "قناة الري"),
  ] },
  roads: { sdg: [9, 11], things: [
    w("Farm-to-market road", "Daan mula bukid hanggang palengke", "Camino rural al mercado", "Route agricole vers le marché", "طريق فلاحية نحو السوق"),
    w("Footbridge over the river", "Tulay-tawiran sa ilog", "Puente peatonal sobre el río", "Passerelle sur la rivière", "جسر للراجلين فوق النهر"),
    w("Paved village street", "Sementadong kalye ng nayon", "Calle pavimentada del pueblo", "Rue pavée du village", "شارع معبد في القرية"),
  ] },
  livelihood: { sdg: [1, 8], things: [
    w("Women's sewing cooperative", "Kooperatiba ng pananahi ng kababaihan", "Cooperativa de costura de mujeres", "Coopérative de couture des femmes", "تعاونية الخياطة النسائية"),
    w("Fishing boats and nets", "Mga bangka at lambat pangisda", "Lanchas y redes de pesca", "Pirogues et filets de pêche", "قوارب وشباك الصيد"),
    w("Market stalls for vendors", "Mga puwesto sa palengke para sa tindero", "Puestos de mercado para vendedores", "Étals de marché pour les vendeurs", "محلات السوق للباعة"),
    w("Microcredit fund for small businesses", "Pondo ng pautang para sa maliliit na negosyo", "Fondo de microcrédito para pequeños negocios", "Fonds de microcrédit pour petites entreprises", "صندوق القروض الصغرى للمقاولات الصغيرة"),
  ] },
  agriculture: { sdg: [2, 15], things: [
    w("Rice drying and storage facility", "Pasilidad na patuyuan at imbakan ng palay", "Secadora y bodega de granos", "Séchoir et entrepôt de céréales", "مجفف ومخزن للحبوب"),
    w("Saffron growers' cooperative", "Kooperatiba ng mga nagtatanim ng saffron", "Cooperativa de productores de azafrán", "Coopérative des producteurs de safran", "تعاونية منتجي الزعفران"),
    w("Greenhouses for vegetable farmers", "Mga greenhouse para sa magsasaka ng gulay", "Invernaderos para horticultores", "Serres pour les maraîchers", "بيوت بلاستيكية لمزارعي الخضر"),
    w("Coffee seedlings nursery", "Punlaan ng kape", "Vivero de plantas de café", "Pépinière de plants de café", "مشتل شتلات البن"),
  ] },
  disaster: { sdg: [11, 13], things: [
    w("Evacuation centre", "Sentro ng paglikas", "Albergue de evacuación", "Centre d'évacuation", "مركز الإيواء"),
    w("Flood early warning system", "Sistema ng maagang babala sa baha", "Sistema de alerta temprana de inundaciones", "Système d'alerte précoce aux crues", "نظام الإنذار المبكر بالفيضانات"),
    w("Typhoon-proof school roofs", "Bubong ng paaralan na matibay sa bagyo", "Techos escolares resistentes a huracanes", "Toitures d'école résistantes aux cyclones", "أسقف مدرسية مقاومة للعواصف"),
  ] },
  culture: { sdg: [11], things: [
    w("Restoration of the old church", "Pagsasaayos ng lumang simbahan", "Restauración de la iglesia antigua", "Restauration de la vieille église", "ترميم المبنى التاريخي"),
    w("Town museum and archive", "Museo at arkibo ng bayan", "Museo y archivo municipal", "Musée et archives de la ville", "متحف وأرشيف المدينة"),
    w("Music school for young people", "Paaralan ng musika para sa kabataan", "Escuela de música para jóvenes", "École de musique pour les jeunes", "مدرسة موسيقى للشباب"),
  ] },
  environment: { sdg: [13, 14, 15], things: [
    w("River revitalisation", "Pagpapanumbalik ng ilog", "Recuperación del río", "Revitalisation de la rivière", "إحياء النهر"),
    w("Mangrove reforestation", "Muling pagtatanim ng bakawan", "Reforestación de manglares", "Reboisement de la mangrove", "إعادة تشجير أشجار المانغروف"),
    w("Solid waste recycling centre", "Sentro ng pag-recycle ng basura", "Centro de reciclaje de residuos", "Centre de recyclage des déchets", "مركز تدوير النفايات"),
  ] },
  tourism: { sdg: [8, 12], things: [
    w("Eco-tourism trail and visitor centre", "Daanan at sentro ng eco-turismo", "Sendero ecoturístico y centro de visitantes", "Sentier d'écotourisme et centre d'accueil", "مسار سياحي بيئي ومركز للزوار"),
    w("Homestay programme for families", "Programang homestay para sa mga pamilya", "Programa de hospedaje familiar", "Programme d'accueil chez l'habitant", "برنامج الإيواء لدى الأسر"),
  ] },
  technology: { sdg: [9, 17], things: [
    w("Free public wifi in the town plaza", "Libreng wifi sa plaza ng bayan", "Wifi público gratuito en la plaza", "Wifi public gratuit sur la place", "انترنت لاسلكي مجاني في الساحة"),
    w("Online permits and tax payment", "Online na permit at pagbabayad ng buwis", "Trámites y pago de impuestos en línea", "Permis et paiement des taxes en ligne", "الرخص وأداء الضرائب عبر الإنترنت"),
    w("Solar power for the town hall", "Solar na kuryente para sa munisipyo", "Energía solar para la alcaldía", "Énergie solaire pour la mairie", "الطاقة الشمسية لمقر الجماعة"),
  ] },
};
const sectors = Object.keys(sectorThings);

const forPlace: Record<Locale, (thing: string, place: string) => string> = {
  en: (t, p) => `${t} in ${p}`,
  fil: (t, p) => `${t} sa ${p}`,
  es: (t, p) => `${t} en ${p}`,
  fr: (t, p) => `${t} à ${p}`,
  ar: (t, p) => `${t} في ${p}`,
};
const summaryOf: Record<Locale, (thing: string, n: number, where: string, lgu: string) => string> = {
  en: (t, n, v, l) => `${t} serving ${n} families in ${v}, ${l}. Diaspora gifts pay the share the town cannot, and every expense is reported here.`,
  fil: (t, n, v, l) => `${t} para sa ${n} pamilya sa ${v}, ${l}. Sagot ng diaspora ang bahaging hindi kaya ng bayan, at iniuulat dito ang bawat gastos.`,
  es: (t, n, v, l) => `${t} para ${n} familias de ${v}, ${l}. Las aportaciones de la diáspora cubren lo que el municipio no puede, y cada gasto se publica aquí.`,
  fr: (t, n, v, l) => `${t} pour ${n} familles de ${v}, ${l}. Les dons de la diaspora couvrent la part que la commune ne peut pas payer, et chaque dépense est publiée ici.`,
  ar: (t, n, v, l) => `${t} لفائدة ${n} أسرة في ${v}، ${l}. تغطي مساهمات الجالية ما لا تستطيع الجماعة تمويله، وتنشر هنا كل النفقات.`,
};
const budgetLabels: Words[] = [
  w("Materials", "Mga materyales", "Materiales", "Matériaux", "المواد"),
  w("Labour", "Paggawa", "Mano de obra", "Main-d'œuvre", "اليد العاملة"),
  w("Equipment", "Kagamitan", "Equipo", "Équipement", "المعدات"),
  w("Training", "Pagsasanay", "Capacitación", "Formation", "التكوين"),
  w("Transport", "Transportasyon", "Transporte", "Transport", "النقل"),
];
const needTexts: Record<"money" | "skill" | "in_kind", Words> = {
  money: w("Diaspora share of the cost", "Bahagi ng diaspora sa gastos", "Parte de la diáspora en el costo", "Part de la diaspora dans le coût", "مساهمة الجالية في التكلفة"),
  skill: w("Volunteer engineers and mentors", "Mga boluntaryong inhinyero at mentor", "Ingenieros y mentores voluntarios", "Ingénieurs et mentors bénévoles", "مهندسون ومرشدون متطوعون"),
  in_kind: w("Donated tools and supplies", "Mga donasyong gamit at kagamitan", "Herramientas y materiales donados", "Outils et fournitures donnés", "أدوات ولوازم متبرع بها"),
};
// Codes of the skills taxonomy (data/skills/common-skills.tsv): project_needs.skill is a foreign key to it.
const skills = ["civil_engineering", "mentoring", "accounting", "teaching", "nursing", "crop_farming", "web_development", "project_management", "water_sanitation", "solar_installation"];

const localize = (locales: Locale[], make: (l: Locale) => string) =>
  Object.fromEntries(locales.map((l) => [l, make(l)])) as Record<string, string>;

// ---------------------------------------------------------------------------------------------
interface Row {
  [column: string]: unknown;
}

function generate() {
  const placeRows: Row[] = [];
  const lguRows: Row[] = [];
  const lgusOut: { id: string; name: string; country: Country; villages: string[] }[] = [];

  // LGUs per country by share; the last country takes the rounding remainder.
  let assigned = 0;
  countries.forEach((country, index) => {
    const n = index === countries.length - 1 ? LGU_COUNT - assigned : Math.round(LGU_COUNT * country.share);
    assigned += n;
    const countryId = uuid();
    placeRows.push({ id: countryId, parent_id: null, kind: "country", name: country.name, country_code: country.code, official_code: `PERF-${country.code}` });
    const provinceIds = country.provinces.map((name, p) => {
      const id = uuid();
      placeRows.push({ id, parent_id: countryId, kind: "province", name, country_code: country.code, official_code: `PERF-${country.code}-${p + 1}` });
      return { id, name };
    });
    // One province LGU each (a province is an LGU too), the rest municipalities.
    const provinceLgus = Math.min(provinceIds.length, Math.floor(n / 10));
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      const province = provinceIds[i % provinceIds.length]!;
      let placeId: string;
      let name: string;
      if (i < provinceLgus) {
        placeId = province.id;
        name = `Province of ${province.name}`;
      } else {
        let town: string;
        do town = `${pick(country.townParts[0])} ${pick(country.townParts[1])}`.replace("' ", "'");
        while (used.has(`${province.name}/${town}`));
        used.add(`${province.name}/${town}`);
        placeId = uuid();
        placeRows.push({ id: placeId, parent_id: province.id, kind: "municipality", name: town, country_code: country.code, official_code: `PERF-${country.code}-${i + 1}` });
        name = town;
      }
      const id = uuid();
      const slug = `${slugify(name)}-${slugify(province.name)}-${country.code.toLowerCase()}`;
      const verifiedAt = day(new Date("2025-01-01T00:00:00Z"), int(0, 300)).toISOString();
      lguRows.push({
        id, place_id: placeId, name, slug,
        description: localize(country.locales, (l) => forPlace[l](l === "en" ? "Local government" : name, `${province.name}, ${country.name}`)),
        contact_email: `mayor@${slug}.example.org`, verification_status: "verified", verified_at: verifiedAt,
      });
      lgusOut.push({ id, name: i < provinceLgus ? province.name : name, country, villages: country.village });
    }
  });

  const statuses: [string, number][] = [
    ["fundraising", 0.55], ["funded", 0.1], ["in_progress", 0.1], ["completed", 0.08], ["cancelled", 0.02], ["draft", 0.1], ["review", 0.05],
  ];
  const drawStatus = () => {
    let r = random();
    for (const [s, p] of statuses) if ((r -= p) < 0) return s;
    return "fundraising";
  };

  const projectRows: Row[] = [];
  const lineRows: Row[] = [];
  const needRows: Row[] = [];
  const epoch = new Date("2025-02-01T00:00:00Z");
  for (let i = 0; i < PROJECT_COUNT; i++) {
    // Skewed towards smaller ids so some LGUs have many projects and many have few.
    const lgu = lgusOut[Math.floor(lgusOut.length * Math.pow(random(), 1.6))]!;
    const country = lgu.country;
    const sector = pick(sectors);
    const thing = pick(sectorThings[sector]!.things);
    const village = pick(lgu.villages);
    const families = int(3, 80) * 10;
    const status = drawStatus();
    const createdAt = day(epoch, int(0, 640));
    const published = status !== "draft" && status !== "review";
    const publishedAt = published ? day(createdAt, int(3, 40)) : null;
    const startsOn = day(createdAt, int(30, 200));
    const endsOn = day(startsOn, int(90, 900));
    const goalUnits = int(country.goal[0], country.goal[1]);
    const goalMinor = Math.round(goalUnits / 100) * 100 * country.minor;
    const id = uuid();
    const title = localize(country.locales, (l) => forPlace[l](thing[l], lgu.name));
    projectRows.push({
      id, lgu_id: lgu.id,
      slug: `${slugify(thing.en).split("-").slice(0, 4).join("-")}-${slugify(lgu.name)}-${i + 1}`,
      title: title,
      summary: localize(country.locales, (l) => summaryOf[l](thing[l], families, village, lgu.name)),
      description: localize(country.locales, (l) => summaryOf[l](thing[l], families, village, lgu.name)),
      sector, sdg_goals: sectorThings[sector]!.sdg,
      goal_minor: goalMinor, currency: country.currency,
      starts_on: isoDate(startsOn), ends_on: isoDate(endsOn),
      status, cancel_reason: status === "cancelled" ? "The site was found unsuitable after the engineering survey." : null,
      submitted_at: status === "draft" ? null : day(createdAt, 1).toISOString(),
      published_at: publishedAt?.toISOString() ?? null,
      created_at: createdAt.toISOString(), updated_at: (publishedAt ?? createdAt).toISOString(),
    });
    // Budget lines that add up to the goal.
    const lines = int(2, 4);
    let left = goalMinor;
    for (let b = 0; b < lines; b++) {
      const amount = b === lines - 1 ? left : Math.max(country.minor, Math.floor((left * int(20, 60)) / 100));
      left -= amount;
      if (amount <= 0) break;
      lineRows.push({ id: uuid(), project_id: id, label: localize(country.locales, (l) => budgetLabels[b]![l]), amount_minor: amount, position: b });
    }
    const needs = int(1, 3);
    (["money", "skill", "in_kind"] as const).slice(0, needs).forEach((kind) => {
      needRows.push({
        id: uuid(), project_id: id, kind, description: localize(country.locales, (l) => needTexts[kind][l]),
        amount_minor: kind === "money" ? Math.max(country.minor, Math.round(goalMinor / 2)) : null,
        skill: kind === "skill" ? pick(skills) : null,
        quantity: kind === "money" ? null : int(1, 20),
        fulfilled: 0,
      });
    });
  }
  return { placeRows, lguRows, projectRows, lineRows, needRows };
}

// ---------------------------------------------------------------------------------------------
async function insertBatches(sql: postgres.TransactionSql, table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await sql`insert into ${sql(table)} ${sql(batch as Record<string, postgres.ParameterOrJSON<never>>[], columns)}`;
    // The triggers' queries (the search listing joins projects, lgus and places) are planned from
    // the statistics: on a fresh or emptied database they say "no rows" and each insert would scan
    // the growing table. ANALYZE counts this transaction's own rows, so refresh them as we go.
    if ((start / BATCH) % 10 === 0) await sql`analyze ${sql(table)}`;
  }
}

async function main() {
  const started = performance.now();
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL || undefined;
  if (!url) {
    const dataDir = path.resolve(projectRoot(), PERF_PG_DIR);
    console.log(`starting the perf PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir });
    url = embedded.url;
  }
  try {
    await migrateDatabase(url);
    const data = generate();
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await sql.begin(async (tx) => {
        // Perf rows only, children before parents (projects cascade to their lines and needs).
        await tx`create temp table perf_places on commit drop as select id from public.places where official_code like 'PERF-%' and official_code not like 'PERF-JOBS-%'`;
        await tx`create temp table perf_lgus on commit drop as select id from public.lgus where place_id in (select id from perf_places)`;
        await tx`delete from public.projects where lgu_id in (select id from perf_lgus)`;
        await tx`delete from public.lgus where id in (select id from perf_lgus)`;
        for (const kind of ["municipality", "city", "province", "region", "country"]) {
          await tx`delete from public.places where id in (select id from perf_places) and kind = ${kind}::place_kind`;
        }
        const t0 = performance.now();
        // A country the demo seed already holds keeps its row; perf provinces hang under it.
        for (const place of data.placeRows.filter((p) => p.kind === "country")) {
          const [existing] = await tx`select id from public.places where parent_id is null and name = ${place.name as string}`;
          if (existing) {
            for (const child of data.placeRows) if (child.parent_id === place.id) child.parent_id = existing.id;
            place.skip = true;
          }
        }
        await insertBatches(tx, "places", data.placeRows.filter((p) => !p.skip));
        await insertBatches(tx, "lgus", data.lguRows);
        const t1 = performance.now();
        await insertBatches(tx, "projects", data.projectRows);
        const t2 = performance.now();
        await insertBatches(tx, "project_budget_lines", data.lineRows);
        await insertBatches(tx, "project_needs", data.needRows);
        console.log(
          `inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s (places and LGUs ${((t1 - t0) / 1000).toFixed(1)} s, ` +
            `projects with their search documents ${((t2 - t1) / 1000).toFixed(1)} s)`,
        );
      });
      await sql`analyze public.places, public.lgus, public.projects, public.project_budget_lines, public.project_needs`;
      const [counts] = await sql`
        select (select count(*) from public.places where official_code like 'PERF-%' and official_code not like 'PERF-JOBS-%')::int as places,
               (select count(*) from public.lgus l join public.places p on p.id = l.place_id where p.official_code like 'PERF-%' and p.official_code not like 'PERF-JOBS-%' and l.verification_status = 'verified')::int as lgus,
               (select count(*) from public.projects)::int as projects_total,
               (select count(*) from public.projects where published_at is not null and status not in ('draft', 'review'))::int as projects_published,
               (select count(*) from public.project_budget_lines)::int as budget_lines,
               (select count(*) from public.project_needs)::int as needs`;
      console.log("counts", counts);
      console.log(`database: ${embedded ? `embedded at ${PERF_PG_DIR}` : "DATABASE_URL"}; done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await embedded?.stop();
  }
}

await main();
