/**
 * Demo returnee guide: the national guide's eight topics and Naga City's own pages on five of them,
 * in English, Filipino, Spanish, French and Arabic (the translations shorter, but real), and a
 * directory of services in and around Naga (Bicol Region). Philippine context: DMW and OWWA
 * reintegration, SSS/PhilHealth/Pag-IBIG, the PSA report of birth, TESDA certification, DTI
 * business registration. Idempotent: a topic that exists (keyed by scope and topic) is left as its
 * editors left it; a directory entry is keyed by scope and name. Runs as the database owner.
 * The national "investment" topic is dated as last reviewed long ago, so the editors' "needs
 * review" badge and the review reminder have something to show.
 */
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { LocalizedText } from "./schema";
import type * as schema from "./schema";

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];

type Topic = "rights" | "institutions" | "steps" | "labour" | "investment" | "training" | "certification" | "families";

const national: Record<Topic, LocalizedText> = {
  rights: {
    en: `As a returning Overseas Filipino Worker (OFW) you keep the rights you earned abroad, and the government has programmes to help you settle back. The **Department of Migrant Workers (DMW)** and its **National Reintegration Center for OFWs (NRCO)** lead return and reintegration under Republic Act 11641.

**Your pension and social security.** Contributions you paid to the **SSS** while abroad (as a voluntary or OFW member) count towards your retirement, disability and death benefits: keep paying as a voluntary member after you return, or your employer's payments resume once you are hired. If you worked in a country with a social security agreement with the Philippines (for example Spain, France, Canada, Austria, Switzerland, Japan, Korea or Quebec), your periods there can be added to your SSS periods to qualify for a pension. Ask at any SSS branch with your passport and proof of employment abroad.

**Health and housing.** Update your **PhilHealth** membership from OFW to the right category; your **Pag-IBIG** savings and housing loan eligibility stay yours.

**Your obligations.** Declare goods you bring home at customs (balikbayan box rules apply), settle any loan with OWWA or Pag-IBIG on schedule, and register a business before you start trading.

**If you were displaced or abused** (war, closure, unpaid wages), OWWA and DMW give emergency and livelihood assistance: ask within the deadlines.`,
    fil: `Bilang nagbabalik na OFW, nananatili sa iyo ang mga karapatang naipon mo sa abroad. Pinangungunahan ng **DMW** at ng **NRCO** ang reintegrasyon ayon sa RA 11641.

**Pensiyon at social security.** Ang mga hulog mo sa **SSS** habang nasa abroad ay bilang sa iyong retirement, disability at death benefits: ituloy ang hulog bilang voluntary member pag-uwi. Kung nagtrabaho ka sa bansang may social security agreement sa Pilipinas (hal. Spain, France, Canada, Japan, Korea), maaaring pagsamahin ang mga panahon ng hulog para makakuha ng pensiyon.

**Kalusugan at pabahay.** I-update ang **PhilHealth** at alamin ang iyong ipon sa **Pag-IBIG**.

**Mga obligasyon.** Ideklara sa customs ang mga dala, bayaran ang mga utang sa OWWA o Pag-IBIG, at irehistro ang negosyo bago magsimula.`,
    es: `Como trabajador filipino que regresa conservas los derechos que ganaste en el extranjero. El **DMW** y el **NRCO** dirigen la reintegración (Ley RA 11641).

**Pensión y seguridad social.** Las cotizaciones pagadas al **SSS** en el extranjero cuentan para tu jubilación; sigue cotizando como miembro voluntario al volver. Si trabajaste en un país con convenio de seguridad social con Filipinas (España, Francia, Canadá, Japón, Corea…), esos periodos pueden sumarse para obtener una pensión.

**Salud y vivienda.** Actualiza tu afiliación a **PhilHealth**; tus ahorros en **Pag-IBIG** siguen siendo tuyos.

**Obligaciones.** Declara en aduanas lo que traes, paga a tiempo los préstamos de OWWA o Pag-IBIG y registra tu negocio antes de empezar.`,
    fr: `En tant que travailleur philippin de retour, vous gardez les droits acquis à l'étranger. Le **DMW** et le **NRCO** conduisent la réintégration (loi RA 11641).

**Retraite et sécurité sociale.** Les cotisations versées au **SSS** depuis l'étranger comptent pour votre retraite ; continuez à cotiser comme membre volontaire après le retour. Si vous avez travaillé dans un pays lié aux Philippines par une convention de sécurité sociale (Espagne, France, Canada, Japon, Corée…), ces périodes peuvent s'ajouter pour ouvrir droit à une pension.

**Santé et logement.** Mettez à jour votre affiliation **PhilHealth** ; votre épargne **Pag-IBIG** reste la vôtre.

**Obligations.** Déclarez à la douane ce que vous rapportez, remboursez à temps les prêts OWWA ou Pag-IBIG et enregistrez votre entreprise avant de commencer.`,
    ar: `بصفتك عاملاً فلبينياً عائداً، تحتفظ بالحقوق التي اكتسبتها في الخارج. تتولى وزارة العمال المهاجرين (**DMW**) والمركز الوطني لإعادة الإدماج (**NRCO**) شؤون العودة وإعادة الإدماج.

**التقاعد والضمان الاجتماعي.** تُحتسب الاشتراكات التي دفعتها إلى **SSS** أثناء عملك في الخارج ضمن معاش التقاعد؛ واصل الدفع كعضو طوعي بعد عودتك. وإذا عملت في بلد تربطه بالفلبين اتفاقية ضمان اجتماعي، يمكن جمع فترات الاشتراك للحصول على معاش.

**الصحة والسكن.** حدّث عضويتك في **PhilHealth**، وتبقى مدخراتك في **Pag-IBIG** ملكاً لك.

**الالتزامات.** صرّح في الجمارك بما تحمله، وسدّد قروض OWWA أو Pag-IBIG في مواعيدها، وسجّل نشاطك التجاري قبل البدء.`,
  },
  institutions: {
    en: `- **Department of Migrant Workers (DMW)**: return and reintegration policy; its **National Reintegration Center for OFWs (NRCO)** runs the *Balik Pinas! Balik Hanapbuhay!* livelihood grants and entrepreneurship training.
- **Overseas Workers Welfare Administration (OWWA)**: welfare, scholarships for your children, the Enterprise Development and Loan Program with Land Bank and DBP, and psychosocial help for distressed returnees.
- **Social Security System (SSS)**, **PhilHealth** and **Pag-IBIG Fund**: pension, health insurance, savings and housing loans.
- **TESDA**: free training and national skills certificates.
- **DTI** and its **Negosyo Centers**: business name registration, mentoring and small loans through the SB Corporation.
- **DOLE** and your city's **Public Employment Service Office (PESO)**: job matching and job fairs.
- **Philippine Statistics Authority (PSA)**: birth, marriage and citizenship records.

Many cities and provinces have a **migrant resource centre** or an OFW help desk at the city hall: see your local government's guide and the directory of services.`,
    fil: `- **DMW** at **NRCO**: patakaran sa pagbabalik at mga tulong pangkabuhayan (*Balik Pinas! Balik Hanapbuhay!*).
- **OWWA**: kapakanan, iskolarsip para sa mga anak, pautang pangnegosyo at tulong psychosocial.
- **SSS**, **PhilHealth**, **Pag-IBIG**: pensiyon, seguro pangkalusugan, ipon at pabahay.
- **TESDA**: libreng pagsasanay at sertipiko ng kasanayan.
- **DTI** at **Negosyo Center**: rehistro ng negosyo at mentoring.
- **DOLE** at **PESO** ng lungsod: paghahanap ng trabaho.
- **PSA**: mga rekord ng kapanganakan at kasal.`,
    es: `- **DMW** y **NRCO**: política de retorno y ayudas para medios de vida (*Balik Pinas! Balik Hanapbuhay!*).
- **OWWA**: bienestar, becas para tus hijos, préstamos para empresas y apoyo psicosocial.
- **SSS**, **PhilHealth**, **Pag-IBIG**: pensión, seguro de salud, ahorro y vivienda.
- **TESDA**: formación gratuita y certificados de competencias.
- **DTI** y **Negosyo Centers**: registro de empresas y mentoría.
- **DOLE** y la **PESO** de tu ciudad: búsqueda de empleo.
- **PSA**: actas de nacimiento y matrimonio.`,
    fr: `- **DMW** et **NRCO** : politique de retour et aides à l'activité (*Balik Pinas! Balik Hanapbuhay!*).
- **OWWA** : protection sociale, bourses pour vos enfants, prêts aux entreprises et soutien psychosocial.
- **SSS**, **PhilHealth**, **Pag-IBIG** : retraite, assurance santé, épargne et logement.
- **TESDA** : formations gratuites et certificats de compétences.
- **DTI** et **Negosyo Centers** : enregistrement d'entreprise et accompagnement.
- **DOLE** et le **PESO** de votre ville : recherche d'emploi.
- **PSA** : actes de naissance et de mariage.`,
    ar: `- **DMW** و**NRCO**: سياسة العودة ومنح سبل العيش (*Balik Pinas! Balik Hanapbuhay!*).
- **OWWA**: الرعاية، ومنح دراسية لأبنائك، وقروض للمشاريع، ودعم نفسي واجتماعي.
- **SSS** و**PhilHealth** و**Pag-IBIG**: التقاعد والتأمين الصحي والادخار والسكن.
- **TESDA**: تدريب مجاني وشهادات مهارات وطنية.
- **DTI** و**Negosyo Centers**: تسجيل المشاريع والإرشاد.
- **DOLE** ومكتب **PESO** في مدينتك: البحث عن عمل.
- **PSA**: سجلات الميلاد والزواج.`,
  },
  steps: {
    en: `Do these in order; most take one visit each. Bring your passport, your last employment contract and any OWWA or SSS numbers you have.

1. Before you fly home, ask your employer for a **certificate of employment** and your final pay slip.
2. Within your first month, register your return with **OWWA** (or the DMW regional office) to keep access to reintegration programmes.
3. Update your **SSS** membership to voluntary or employed, and check your contributions paid from abroad for your future pension.
4. Change your **PhilHealth** category and add your dependants.
5. Check your **Pag-IBIG** savings and update your address.
6. Report the birth of any **child born abroad** to the PSA (through the embassy, or the PSA if you are already home) and enrol them in school.
7. Register at your city's **PESO** for job matching, or with **TESDA** to have your skills assessed.
8. If you will open a business, register its name with **DTI** and get a barangay clearance and a business permit from your city.`,
    fil: `Gawin ang mga ito nang sunod-sunod. Dalhin ang pasaporte, huling kontrata at mga numero sa OWWA o SSS.

1. Bago umuwi, humingi sa employer ng **certificate of employment** at huling pay slip.
2. Sa unang buwan, iparehistro ang pagbabalik sa **OWWA** o sa DMW.
3. I-update ang **SSS** bilang voluntary o employed at tingnan ang mga hulog mula sa abroad para sa pensiyon.
4. Palitan ang kategorya sa **PhilHealth** at idagdag ang mga dependent.
5. Tingnan ang ipon sa **Pag-IBIG** at i-update ang address.
6. Iulat sa PSA ang kapanganakan ng **anak na ipinanganak sa abroad** at ipasok siya sa paaralan.
7. Magparehistro sa **PESO** ng lungsod o magpa-assess sa **TESDA**.
8. Kung magnenegosyo, irehistro ang pangalan sa **DTI** at kumuha ng barangay clearance at business permit.`,
    es: `Hazlo en este orden. Lleva tu pasaporte, tu último contrato y tus números de OWWA o SSS.

1. Antes de volver, pide a tu empleador un **certificado de empleo** y tu última nómina.
2. En el primer mes, registra tu regreso en **OWWA** o en la oficina regional del DMW.
3. Actualiza tu afiliación al **SSS** y revisa las cotizaciones pagadas desde el extranjero para tu pensión.
4. Cambia tu categoría en **PhilHealth** y añade a tus dependientes.
5. Revisa tus ahorros en **Pag-IBIG** y actualiza tu dirección.
6. Declara ante la PSA el nacimiento de tu **hijo nacido en el extranjero** y matricúlalo en la escuela.
7. Inscríbete en la **PESO** de tu ciudad o haz evaluar tus competencias en **TESDA**.
8. Si abrirás un negocio, registra su nombre en el **DTI** y obtén el permiso municipal.`,
    fr: `Dans cet ordre. Apportez votre passeport, votre dernier contrat et vos numéros OWWA ou SSS.

1. Avant de rentrer, demandez à votre employeur un **certificat de travail** et votre dernier bulletin de paie.
2. Le premier mois, déclarez votre retour à l'**OWWA** ou au bureau régional du DMW.
3. Mettez à jour votre affiliation au **SSS** et vérifiez les cotisations versées depuis l'étranger pour votre retraite.
4. Changez votre catégorie **PhilHealth** et ajoutez vos ayants droit.
5. Vérifiez votre épargne **Pag-IBIG** et mettez à jour votre adresse.
6. Déclarez à la PSA la naissance de votre **enfant né à l'étranger** et inscrivez-le à l'école.
7. Inscrivez-vous au **PESO** de votre ville ou faites évaluer vos compétences par **TESDA**.
8. Pour ouvrir une entreprise, enregistrez son nom au **DTI** et obtenez le permis municipal.`,
    ar: `اتبع هذه الخطوات بالترتيب. أحضر جواز سفرك وآخر عقد عمل وأرقامك لدى OWWA أو SSS.

1. قبل العودة، اطلب من صاحب العمل **شهادة عمل** وآخر كشف راتب.
2. في الشهر الأول، سجّل عودتك لدى **OWWA** أو المكتب الإقليمي لـ DMW.
3. حدّث عضويتك في **SSS** وتحقق من الاشتراكات المدفوعة من الخارج لمعاشك.
4. غيّر فئتك في **PhilHealth** وأضف من تعولهم.
5. تحقق من مدخراتك في **Pag-IBIG** وحدّث عنوانك.
6. سجّل لدى PSA ولادة **طفلك المولود في الخارج** وسجّله في المدرسة.
7. سجّل في مكتب **PESO** بمدينتك أو اطلب تقييم مهاراتك لدى **TESDA**.
8. إن كنت ستفتح مشروعاً، سجّل اسمه لدى **DTI** واحصل على الترخيص البلدي.`,
  },
  labour: {
    en: `Demand for skilled workers is strong in **construction**, **automotive and heavy-equipment repair**, **electrical installation**, **health care**, **hospitality** and **information technology and BPO** (business process outsourcing). Experience abroad is valued, especially with a TESDA certificate that matches it.

- Search vacancies on the Tulay jobs pages and on DOLE's PhilJobNet.
- Register with your city's **PESO**: it matches your profile with local employers and runs job fairs for returnees.
- Wages are lower than abroad: compare the whole package (social security, health insurance, 13th-month pay, time with family).

Self-employment is common: many returning mechanics, electricians and cooks open a small shop. See the investment topic.`,
    fil: `Malakas ang pangangailangan sa **konstruksiyon**, **pagkukumpuni ng sasakyan at heavy equipment**, **electrical**, **kalusugan**, **hospitality** at **IT/BPO**. Pinahahalagahan ang karanasan sa abroad, lalo na kung may sertipiko ng TESDA. Maghanap sa mga pahina ng trabaho ng Tulay at magparehistro sa **PESO**.`,
    es: `Hay demanda en **construcción**, **reparación de vehículos y maquinaria pesada**, **instalaciones eléctricas**, **salud**, **hostelería** e **informática y BPO**. Se valora la experiencia en el extranjero, sobre todo con un certificado de TESDA. Busca en las páginas de empleo de Tulay y regístrate en la **PESO**.`,
    fr: `La demande est forte dans le **bâtiment**, la **réparation automobile et d'engins**, l'**électricité**, la **santé**, l'**hôtellerie** et l'**informatique et les BPO**. L'expérience à l'étranger est appréciée, surtout avec un certificat TESDA. Cherchez sur les pages emploi de Tulay et inscrivez-vous au **PESO**.`,
    ar: `يوجد طلب قوي في **البناء** و**إصلاح السيارات والمعدات الثقيلة** و**التمديدات الكهربائية** و**الرعاية الصحية** و**الضيافة** و**تقنية المعلومات**. تُقدَّر الخبرة المكتسبة في الخارج، خاصة مع شهادة TESDA. ابحث في صفحات الوظائف في Tulay وسجّل لدى مكتب **PESO**.`,
  },
  investment: {
    en: `Your savings can start a business at home. Before you invest:

- Take the free **entrepreneurship training** of the NRCO or of a DTI **Negosyo Center**, and write a simple business plan.
- Register the business name with **DTI** (sole proprietorship), **SEC** (partnership or corporation) or **CDA** (cooperative), then get a barangay clearance, a mayor's permit and a BIR registration.
- Ask about the **OWWA-Land Bank Enterprise Development and Loan Program** and the NRCO's *Balik Pinas! Balik Hanapbuhay!* starter kits.
- Beware of "investment opportunities" promising high, fixed returns: check the company with the SEC first.

Local governments list their own opportunities on Tulay's invest pages.`,
    fil: `Maaaring magsimula ng negosyo ang iyong ipon. Sumali muna sa libreng pagsasanay ng NRCO o **Negosyo Center**, irehistro ang negosyo sa **DTI**, **SEC** o **CDA**, at alamin ang pautang ng **OWWA at Land Bank**. Mag-ingat sa mga alok na mataas at tiyak na kita: suriin muna sa SEC.`,
    es: `Tus ahorros pueden crear un negocio. Haz antes la formación gratuita del NRCO o de un **Negosyo Center**, registra el negocio en el **DTI**, la **SEC** o la **CDA**, y consulta los préstamos de **OWWA y Land Bank**. Desconfía de ofertas con rendimientos altos y fijos: verifica antes en la SEC.`,
    fr: `Votre épargne peut lancer une entreprise. Suivez d'abord la formation gratuite du NRCO ou d'un **Negosyo Center**, enregistrez l'entreprise au **DTI**, à la **SEC** ou à la **CDA**, et renseignez-vous sur les prêts **OWWA–Land Bank**. Méfiez-vous des offres à rendement élevé et garanti : vérifiez auprès de la SEC.`,
    ar: `يمكن لمدخراتك أن تبدأ مشروعاً. احضر أولاً التدريب المجاني لدى NRCO أو **Negosyo Center**، وسجّل المشروع لدى **DTI** أو **SEC** أو **CDA**، واسأل عن قروض **OWWA وLand Bank**. احذر من العروض التي تعد بأرباح عالية ومضمونة: تحقق منها لدى SEC أولاً.`,
  },
  training: {
    en: `**TESDA** offers free courses under its scholarship programmes (TWSP and PESFA) in technical-vocational institutions and in its own provincial training centres: automotive servicing, welding, electrical installation, bread and pastry, caregiving, computer systems servicing and more. Courses last from a few weeks to six months and end with a national assessment.

OWWA and the NRCO run short courses in entrepreneurship and financial literacy for returnees, and the OWWA **Education for Development Scholarship** helps OFWs' children through college. Online, **TESDA Online Program** courses are free.`,
    fil: `Nag-aalok ang **TESDA** ng libreng kurso (TWSP, PESFA): automotive, welding, electrical, bread and pastry, caregiving at iba pa, na nagtatapos sa pambansang assessment. May maiikling kurso sa pagnenegosyo ang OWWA at NRCO, at libre ang **TESDA Online Program**.`,
    es: `**TESDA** ofrece cursos gratuitos (TWSP, PESFA): mecánica automotriz, soldadura, electricidad, panadería, cuidados y más, con una evaluación nacional al final. OWWA y NRCO dan cursos cortos de emprendimiento, y el **TESDA Online Program** es gratuito.`,
    fr: `**TESDA** propose des formations gratuites (TWSP, PESFA) : mécanique automobile, soudure, électricité, boulangerie, aide à la personne et plus, avec une évaluation nationale à la fin. OWWA et NRCO donnent des cours courts d'entrepreneuriat, et le **TESDA Online Program** est gratuit.`,
    ar: `تقدّم **TESDA** دورات مجانية (TWSP وPESFA): صيانة السيارات واللحام والكهرباء والمخبوزات ورعاية المسنين وغيرها، تنتهي بتقييم وطني. وتنظّم OWWA وNRCO دورات قصيرة في ريادة الأعمال، و**TESDA Online Program** مجاني.`,
  },
  certification: {
    en: `The **Philippine TVET Qualification and Certification System** lets you prove skills you learned on the job abroad. You take a competency assessment at a TESDA-accredited assessment centre; if you pass, you get a **National Certificate (NC I to NC IV)** or a Certificate of Competency, valid for five years.

- You do not need to take the course first if you already have the skills: apply for **assessment only** and bring your certificate of employment from abroad.
- For a returning mechanic, *Automotive Servicing NC I–II* or *Heavy Equipment Servicing* are the usual ones.
- Under the **Philippine Qualifications Framework (PQF)**, a national certificate can count towards a college diploma (ladderised education).

Certificates from abroad (for example a Saudi or German trade certificate) are not converted automatically: TESDA assesses you against the Philippine standard.`,
    fil: `Sa pamamagitan ng assessment sa isang TESDA-accredited center, makakakuha ka ng **National Certificate (NC I–IV)** na may bisang limang taon, kahit hindi ka na kumuha ng kurso. Dalhin ang certificate of employment mula sa abroad. Para sa mekaniko: *Automotive Servicing NC I–II*.`,
    es: `Con una evaluación en un centro acreditado por TESDA obtienes un **Certificado Nacional (NC I–IV)** válido cinco años, sin necesidad de hacer el curso. Lleva tu certificado de empleo del extranjero. Para mecánicos: *Automotive Servicing NC I–II*.`,
    fr: `Une évaluation dans un centre agréé par TESDA vous donne un **Certificat national (NC I–IV)** valable cinq ans, sans suivre la formation. Apportez votre certificat de travail de l'étranger. Pour un mécanicien : *Automotive Servicing NC I–II*.`,
    ar: `بعد تقييم في مركز معتمد من TESDA تحصل على **شهادة وطنية (NC I–IV)** صالحة لخمس سنوات دون الحاجة إلى حضور الدورة. أحضر شهادة العمل من الخارج. للميكانيكي: *Automotive Servicing NC I–II*.`,
  },
  families: {
    en: `**Birth records.** A child born abroad to a Filipino parent is a Filipino citizen. Report the birth to the Philippine embassy or consulate where the child was born (a **Report of Birth**); if you are already home, file a *delayed* Report of Birth through the DFA, which sends it to the **PSA**. Once the PSA has it, you can ask for a PSA birth certificate for school, passports and PhilHealth.

**Dual citizenship.** If the child also holds another nationality, they can keep both; a child who becomes an adult abroad without being reported can still be recognised.

**Schooling.** Public schools (DepEd) must accept your child even while papers are in process: bring the foreign birth certificate and report cards. Children coming from a foreign curriculum take a **placement test** (PEPT) to be put in the right grade. Ask the school about Filipino language support: children who grew up abroad often need it in the first year.

**Scholarships.** OWWA's Education for Development and Skills-for-Employment scholarships are open to OFWs' children.`,
    fil: `**Rekord ng kapanganakan.** Filipino ang batang ipinanganak sa abroad sa magulang na Pilipino. Iulat ang kapanganakan sa embahada (**Report of Birth**) o, kung nakauwi na, maghain ng delayed Report of Birth sa DFA para mapunta sa **PSA**.

**Pag-aaral.** Dapat tanggapin ng pampublikong paaralan (DepEd) ang iyong anak habang inaayos ang mga papeles. Kumukuha ng **placement test (PEPT)** ang mga batang galing sa banyagang kurikulum. May iskolarsip ang OWWA para sa mga anak ng OFW.`,
    es: `**Registro de nacimiento.** Un niño nacido en el extranjero de padre o madre filipinos es filipino. Declara el nacimiento en la embajada (**Report of Birth**) o, si ya estás en casa, presenta un Report of Birth tardío ante el DFA, que lo envía a la **PSA**.

**Escolarización.** Las escuelas públicas (DepEd) deben aceptar a tu hijo mientras se tramitan los papeles. Los niños que vienen de otro currículo hacen una **prueba de nivel (PEPT)**. OWWA tiene becas para hijos de trabajadores migrantes.`,
    fr: `**Acte de naissance.** Un enfant né à l'étranger d'un parent philippin est philippin. Déclarez la naissance à l'ambassade (**Report of Birth**) ou, si vous êtes déjà rentré, déposez un Report of Birth tardif auprès du DFA, qui le transmet à la **PSA**.

**Scolarité.** Les écoles publiques (DepEd) doivent accepter votre enfant pendant que les papiers sont en cours. Les enfants venant d'un autre programme passent un **test de niveau (PEPT)**. OWWA offre des bourses aux enfants de travailleurs migrants.`,
    ar: `**قيد الميلاد.** الطفل المولود في الخارج لأحد الوالدين الفلبينيين مواطن فلبيني. سجّل الولادة لدى السفارة (**Report of Birth**)، أو إن كنت قد عدت، قدّم تسجيلاً متأخراً عبر وزارة الخارجية (DFA) ليصل إلى **PSA**.

**التعليم.** على المدارس الحكومية (DepEd) قبول طفلك أثناء استكمال الأوراق. يخضع الأطفال القادمون من مناهج أجنبية لـ**اختبار تحديد المستوى (PEPT)**. وتقدّم OWWA منحاً دراسية لأبناء العمال المهاجرين.`,
  },
};

const naga: Partial<Record<Topic, LocalizedText>> = {
  institutions: {
    en: `In Naga, start at the **City Hall Complex** on J. Miranda Avenue:

- The **Public Employment Service Office (PESO)** hosts the city's **OFW help desk**: job matching, referrals to OWWA and DMW, and the list of reintegration programmes.
- The **City Social Welfare and Development Office** gives counselling to returnees and their families.
- The **Negosyo Center Naga** (DTI) helps you register and plan a business.

Regional offices of DMW and OWWA are in Legazpi City; TESDA's Camarines Sur provincial office is in Pili, 15 minutes away.`,
    fil: `Sa Naga, magsimula sa **City Hall Complex** sa J. Miranda Avenue: ang **PESO** ay may **OFW help desk**; nagbibigay ng counselling ang **CSWDO**; tumutulong sa negosyo ang **Negosyo Center Naga**. Nasa Legazpi ang mga rehiyonal na opisina ng DMW at OWWA, at nasa Pili ang TESDA Camarines Sur.`,
    es: `En Naga, empieza en el **City Hall Complex** (J. Miranda Avenue): la **PESO** tiene un **mostrador para trabajadores retornados**, la **CSWDO** ofrece orientación y el **Negosyo Center Naga** ayuda con los negocios. Las oficinas regionales de DMW y OWWA están en Legazpi; TESDA Camarines Sur, en Pili.`,
    fr: `À Naga, commencez au **City Hall Complex** (J. Miranda Avenue) : le **PESO** tient un **guichet pour les travailleurs de retour**, la **CSWDO** propose un accompagnement et le **Negosyo Center Naga** aide à créer une entreprise. Les bureaux régionaux de DMW et OWWA sont à Legazpi ; TESDA Camarines Sur est à Pili.`,
    ar: `في ناغا، ابدأ من **مجمع مبنى البلدية** في شارع J. Miranda: يضم مكتب **PESO** **مكتب مساعدة للعمال العائدين**، ويقدّم مكتب الرعاية الاجتماعية **CSWDO** الإرشاد، ويساعد **Negosyo Center Naga** في المشاريع. المكاتب الإقليمية لـ DMW وOWWA في ليغازبي، ومكتب TESDA في بيلي.`,
  },
  steps: {
    en: `What Naga City asks of people settling here, on top of the national steps:

1. Get a **barangay certificate of residency** from your barangay hall.
2. Register at the **PESO OFW help desk** at the City Hall (bring your passport and certificate of employment).
3. Update your **SSS** record at the SSS Naga branch on Panganiban Drive, and ask for your contributions paid abroad to be checked for your pension.
4. Enrol your children at the **Schools Division of Naga City**; bring the PSA Report of Birth or the foreign birth certificate.
5. If you bring a vehicle or tools, ask the City Treasurer about local taxes before you start a business.
6. Get your **community tax certificate (cedula)** at the City Treasurer's Office.`,
    fil: `Bukod sa mga pambansang hakbang:

1. Kumuha ng **certificate of residency** sa barangay.
2. Magparehistro sa **PESO OFW help desk** sa City Hall.
3. I-update ang **SSS** sa sangay sa Panganiban Drive at ipasuri ang mga hulog mula sa abroad para sa pensiyon.
4. I-enroll ang mga anak sa **Schools Division of Naga City** dala ang PSA Report of Birth.
5. Magtanong sa City Treasurer tungkol sa buwis bago magnegosyo.
6. Kumuha ng **cedula** sa City Treasurer's Office.`,
    es: `Además de los pasos nacionales:

1. Pide un **certificado de residencia** en tu barangay.
2. Inscríbete en el **mostrador OFW de la PESO** del ayuntamiento.
3. Actualiza tu ficha del **SSS** en la oficina de Panganiban Drive y pide revisar tus cotizaciones del extranjero para la pensión.
4. Matricula a tus hijos en la **Schools Division of Naga City** con el Report of Birth de la PSA.
5. Consulta al Tesorero municipal los impuestos locales antes de abrir un negocio.
6. Obtén tu **cédula** en la Tesorería.`,
    fr: `En plus des étapes nationales :

1. Demandez un **certificat de résidence** au barangay.
2. Inscrivez-vous au **guichet OFW du PESO** à la mairie.
3. Mettez à jour votre dossier **SSS** à l'agence de Panganiban Drive et faites vérifier vos cotisations de l'étranger pour la retraite.
4. Inscrivez vos enfants auprès de la **Schools Division of Naga City** avec le Report of Birth de la PSA.
5. Renseignez-vous auprès du Trésorier municipal sur les taxes locales avant d'ouvrir une entreprise.
6. Obtenez votre **cedula** à la Trésorerie.`,
    ar: `إضافة إلى الخطوات الوطنية:

1. احصل على **شهادة إقامة** من مكتب الحي (barangay).
2. سجّل لدى **مكتب مساعدة العمال العائدين في PESO** بمبنى البلدية.
3. حدّث ملفك في **SSS** بفرع شارع Panganiban واطلب مراجعة اشتراكاتك من الخارج لمعاش التقاعد.
4. سجّل أطفالك لدى **Schools Division of Naga City** مع شهادة الميلاد من PSA.
5. استفسر من أمين الخزينة البلدي عن الضرائب المحلية قبل بدء مشروع.
6. احصل على **الشهادة الضريبية المجتمعية (cedula)** من مكتب الخزينة.`,
  },
  labour: {
    en: `Naga is Bicol's service and education hub. Employers look for **auto and motorcycle mechanics**, **electricians**, **nurses and caregivers**, **hotel and restaurant staff** and **BPO agents**. The PESO holds a job fair for returnees every quarter at the Naga City Civic Center, and posts local vacancies on Tulay.`,
    fil: `Ang Naga ang sentro ng serbisyo at edukasyon sa Bikol. Hinahanap ang mga **mekaniko ng sasakyan at motorsiklo**, **electrician**, **nars at caregiver**, **hotel at restawran** at **BPO**. May job fair para sa mga nagbabalik ang PESO tuwing ikatlong buwan sa Civic Center.`,
    es: `Naga es el centro de servicios y educación de Bicol. Se buscan **mecánicos de coches y motos**, **electricistas**, **enfermeros y cuidadores**, personal de **hostelería** y agentes de **BPO**. La PESO organiza cada trimestre una feria de empleo para retornados en el Civic Center.`,
    fr: `Naga est le pôle de services et d'éducation du Bicol. On y cherche des **mécaniciens auto et moto**, des **électriciens**, des **infirmiers et aides-soignants**, du personnel d'**hôtellerie** et des agents **BPO**. Le PESO organise chaque trimestre un salon de l'emploi pour les personnes de retour au Civic Center.`,
    ar: `ناغا مركز الخدمات والتعليم في منطقة بيكول. يبحث أصحاب العمل عن **ميكانيكيي السيارات والدراجات النارية** و**الكهربائيين** و**الممرضين ومقدمي الرعاية** وعاملي **الفنادق والمطاعم** و**مراكز الاتصال**. ينظّم مكتب PESO معرض توظيف للعائدين كل ثلاثة أشهر في Civic Center.`,
  },
  training: {
    en: `The **Naga City Manpower Development Center** and TESDA-accredited schools in the city run free courses in automotive servicing, electrical installation, welding and food processing. Ask the PESO help desk for the next intake; courses for returnees are often in the evening so you can work during the day.`,
    fil: `Nag-aalok ang **Naga City Manpower Development Center** at mga paaralang accredited ng TESDA ng libreng kurso sa automotive, electrical, welding at food processing, madalas sa gabi. Magtanong sa PESO help desk.`,
    es: `El **Naga City Manpower Development Center** y escuelas acreditadas por TESDA ofrecen cursos gratuitos de mecánica, electricidad, soldadura y procesamiento de alimentos, a menudo por la tarde. Pregunta en la PESO.`,
    fr: `Le **Naga City Manpower Development Center** et des écoles agréées par TESDA proposent des formations gratuites en mécanique, électricité, soudure et transformation alimentaire, souvent le soir. Renseignez-vous au PESO.`,
    ar: `يقدّم **مركز تنمية القوى العاملة في ناغا** ومدارس معتمدة من TESDA دورات مجانية في صيانة السيارات والكهرباء واللحام وتصنيع الأغذية، غالباً في المساء. استفسر لدى مكتب PESO.`,
  },
  families: {
    en: `The **Schools Division of Naga City** enrols children born abroad in any public school while their PSA papers are processed. For **schooling**, bring the foreign birth certificate, the last report card and, if you have it, the PSA Report of Birth. Children who need help with Filipino or Bikol can join the division's reading support classes. The City Civil Registry can help you file a delayed Report of Birth with the PSA.`,
    fil: `Ini-enroll ng **Schools Division of Naga City** sa pampublikong paaralan ang mga batang ipinanganak sa abroad habang inaayos ang papeles sa PSA. Dalhin ang banyagang birth certificate at huling report card. May reading support sa Filipino at Bikol, at tutulong ang City Civil Registry sa delayed Report of Birth.`,
    es: `La **Schools Division of Naga City** matricula a los niños nacidos en el extranjero en cualquier escuela pública mientras se tramitan sus papeles en la PSA. Lleva el acta de nacimiento extranjera y el último boletín. Hay apoyo en filipino y bicolano, y el Registro Civil ayuda con el Report of Birth tardío.`,
    fr: `La **Schools Division of Naga City** inscrit les enfants nés à l'étranger dans toute école publique pendant que leurs papiers PSA sont traités. Apportez l'acte de naissance étranger et le dernier bulletin. Un soutien en filipino et en bikol existe, et l'état civil aide pour le Report of Birth tardif.`,
    ar: `تسجّل **Schools Division of Naga City** الأطفال المولودين في الخارج في أي مدرسة حكومية أثناء استكمال أوراقهم لدى PSA. أحضر شهادة الميلاد الأجنبية وآخر كشف درجات. تتوفر دروس دعم في الفلبينية والبيكولية، ويساعد السجل المدني للمدينة في التسجيل المتأخر للولادة.`,
  },
};

interface ServiceSeed {
  lgu: string | null;
  kind: string;
  name: string;
  place: string;
  address: string;
  phone?: string;
  email?: string;
  website?: string;
  languages: string[];
  eligibility: "everyone" | "returnees" | "migrant_workers_and_families";
  description: LocalizedText;
  hours: LocalizedText;
  eligibilityNote?: LocalizedText;
}

const weekdays: LocalizedText = {
  en: "Monday to Friday, 8:00–17:00",
  fil: "Lunes hanggang Biyernes, 8:00–17:00",
  es: "De lunes a viernes, 8:00–17:00",
  fr: "Du lundi au vendredi, 8 h – 17 h",
  ar: "من الاثنين إلى الجمعة، 8:00–17:00",
};

const services: ServiceSeed[] = [
  {
    lgu: null,
    kind: "migrant_resource_centre",
    name: "Department of Migrant Workers – Regional Office V",
    place: "PH-LEGAZPI",
    address: "Regional Government Center, Rawis, Legazpi City, Albay",
    website: "https://dmw.gov.ph",
    languages: ["en", "fil", "bcl"],
    eligibility: "migrant_workers_and_families",
    description: {
      en: "Return and reintegration services for Bicol: NRCO livelihood grants, referrals, legal assistance.",
      fil: "Serbisyo sa pagbabalik at reintegrasyon sa Bikol: tulong pangkabuhayan ng NRCO, referral, tulong legal.",
      es: "Servicios de retorno y reintegración en Bicol: ayudas del NRCO, derivaciones, asistencia jurídica.",
      fr: "Retour et réintégration pour le Bicol : aides du NRCO, orientation, assistance juridique.",
      ar: "خدمات العودة وإعادة الإدماج في بيكول: منح NRCO، والإحالة، والمساعدة القانونية.",
    },
    hours: weekdays,
  },
  {
    lgu: null,
    kind: "migrant_resource_centre",
    name: "OWWA Regional Welfare Office V",
    place: "PH-LEGAZPI",
    address: "Regional Government Center, Rawis, Legazpi City, Albay",
    website: "https://owwa.gov.ph",
    languages: ["en", "fil", "bcl"],
    eligibility: "migrant_workers_and_families",
    description: {
      en: "Welfare assistance, scholarships for OFWs' children, the Enterprise Development and Loan Program.",
      fil: "Tulong pangkapakanan, iskolarsip para sa mga anak ng OFW, pautang pangnegosyo.",
      es: "Asistencia social, becas para hijos de OFW, préstamos para empresas.",
      fr: "Aide sociale, bourses pour les enfants d'OFW, prêts aux entreprises.",
      ar: "مساعدات الرعاية، ومنح لأبناء العمال المهاجرين، وقروض المشاريع.",
    },
    hours: weekdays,
    eligibilityNote: { en: "OWWA members and their families; walk-in advice is open to anyone.", fil: "Para sa mga miyembro ng OWWA at pamilya; bukas sa lahat ang payo.", es: "Miembros de OWWA y sus familias; la orientación está abierta a todos.", fr: "Membres de l'OWWA et leur famille ; le conseil est ouvert à tous.", ar: "لأعضاء OWWA وأسرهم؛ والاستشارة متاحة للجميع." },
  },
  {
    lgu: null,
    kind: "training_centre",
    name: "TESDA Camarines Sur Provincial Training Center",
    place: "PH-PILI",
    address: "Provincial Capitol Complex, Cadlan, Pili, Camarines Sur",
    website: "https://www.tesda.gov.ph",
    languages: ["en", "fil", "bcl"],
    eligibility: "everyone",
    description: {
      en: "Free courses with scholarships: automotive servicing, welding, electrical installation, food processing.",
      fil: "Libreng kurso na may iskolarsip: automotive, welding, electrical, food processing.",
      es: "Cursos gratuitos con beca: mecánica, soldadura, electricidad, procesamiento de alimentos.",
      fr: "Formations gratuites avec bourse : mécanique, soudure, électricité, transformation alimentaire.",
      ar: "دورات مجانية بمنح: صيانة السيارات، واللحام، والكهرباء، وتصنيع الأغذية.",
    },
    hours: weekdays,
  },
  {
    lgu: null,
    kind: "certification_body",
    name: "TESDA Provincial Office – Assessment and Certification",
    place: "PH-PILI",
    address: "Provincial Capitol Complex, Cadlan, Pili, Camarines Sur",
    website: "https://www.tesda.gov.ph",
    languages: ["en", "fil", "bcl"],
    eligibility: "everyone",
    description: {
      en: "Competency assessment for National Certificates (NC I–IV); assessment only for skills learned abroad.",
      fil: "Assessment para sa National Certificate (NC I–IV), pati para sa kasanayang natutunan sa abroad.",
      es: "Evaluación para Certificados Nacionales (NC I–IV), también de competencias adquiridas en el extranjero.",
      fr: "Évaluation pour les certificats nationaux (NC I–IV), y compris des compétences acquises à l'étranger.",
      ar: "تقييم الكفاءة للشهادات الوطنية (NC I–IV)، بما فيها المهارات المكتسبة في الخارج.",
    },
    hours: weekdays,
  },
  {
    lgu: "naga-city",
    kind: "one_stop_shop",
    name: "Naga City PESO – OFW Help Desk",
    place: "PH-NAGA",
    address: "City Hall Complex, J. Miranda Avenue, Naga City",
    email: "peso@naga.gov.ph",
    website: "https://www2.naga.gov.ph",
    languages: ["en", "fil", "bcl"],
    eligibility: "everyone",
    description: {
      en: "One stop for people coming home: job matching, job fairs, referrals to OWWA, DMW, SSS and TESDA.",
      fil: "Isang lugar para sa mga umuuwi: trabaho, job fair, referral sa OWWA, DMW, SSS at TESDA.",
      es: "Ventanilla única para quienes vuelven: empleo, ferias, derivación a OWWA, DMW, SSS y TESDA.",
      fr: "Guichet unique pour les personnes de retour : emploi, salons, orientation vers OWWA, DMW, SSS et TESDA.",
      ar: "نافذة واحدة للعائدين: التوظيف، ومعارض العمل، والإحالة إلى OWWA وDMW وSSS وTESDA.",
    },
    hours: weekdays,
    eligibilityNote: { en: "Returnees first, but any job seeker is welcome.", fil: "Priyoridad ang nagbabalik, pero malugod ang lahat.", es: "Prioridad para retornados, pero todos son bienvenidos.", fr: "Priorité aux personnes de retour, mais tout le monde est bienvenu.", ar: "الأولوية للعائدين، والجميع مرحَّب بهم." },
  },
  {
    lgu: "naga-city",
    kind: "psychosocial_support",
    name: "Naga City Social Welfare and Development Office – Family Counselling",
    place: "PH-NAGA",
    address: "City Hall Complex, J. Miranda Avenue, Naga City",
    languages: ["fil", "bcl", "en"],
    eligibility: "everyone",
    description: {
      en: "Free counselling for returnees and their families: readjustment, family separation, stress after crises abroad.",
      fil: "Libreng counselling para sa mga nagbabalik at pamilya: muling pag-angkop, pagkakahiwalay, stress.",
      es: "Orientación gratuita para retornados y familias: readaptación, separación familiar, estrés.",
      fr: "Accompagnement gratuit des personnes de retour et de leur famille : réadaptation, séparation, stress.",
      ar: "إرشاد مجاني للعائدين وأسرهم: إعادة التكيّف، والانفصال الأسري، والضغط النفسي.",
    },
    hours: weekdays,
  },
  {
    lgu: "naga-city",
    kind: "credit_business_support",
    name: "Negosyo Center Naga (DTI)",
    place: "PH-NAGA",
    address: "Naga City Hall Annex, J. Miranda Avenue, Naga City",
    website: "https://www.dti.gov.ph",
    languages: ["en", "fil", "bcl"],
    eligibility: "everyone",
    description: {
      en: "Business name registration, business plan coaching, referrals to SB Corporation and Land Bank loans.",
      fil: "Rehistro ng pangalan ng negosyo, coaching sa business plan, referral sa pautang.",
      es: "Registro del nombre comercial, asesoría para el plan de negocio, derivación a préstamos.",
      fr: "Enregistrement du nom commercial, accompagnement du plan d'affaires, orientation vers des prêts.",
      ar: "تسجيل الاسم التجاري، والإرشاد في خطة العمل، والإحالة إلى القروض.",
    },
    hours: { en: "Monday to Friday, 8:00–17:00; Saturday by appointment", fil: "Lunes–Biyernes, 8:00–17:00; Sabado kung may appointment", es: "Lunes a viernes, 8:00–17:00; sábado con cita", fr: "Lundi–vendredi, 8 h – 17 h ; samedi sur rendez-vous", ar: "الاثنين–الجمعة 8:00–17:00؛ السبت بموعد" },
  },
  {
    lgu: "naga-city",
    kind: "training_centre",
    name: "Naga City Manpower Development Center",
    place: "PH-NAGA",
    address: "Balatas Road, Naga City",
    languages: ["fil", "bcl", "en"],
    eligibility: "everyone",
    description: {
      en: "Evening courses in automotive servicing, electrical installation and welding, with TESDA assessment.",
      fil: "Mga kurso sa gabi: automotive, electrical at welding, may assessment ng TESDA.",
      es: "Cursos nocturnos de mecánica, electricidad y soldadura, con evaluación de TESDA.",
      fr: "Cours du soir en mécanique, électricité et soudure, avec évaluation TESDA.",
      ar: "دورات مسائية في صيانة السيارات والكهرباء واللحام، مع تقييم TESDA.",
    },
    hours: { en: "Monday to Saturday, 8:00–20:00", fil: "Lunes hanggang Sabado, 8:00–20:00", es: "De lunes a sábado, 8:00–20:00", fr: "Du lundi au samedi, 8 h – 20 h", ar: "من الاثنين إلى السبت، 8:00–20:00" },
  },
];

/** Seeds the demo guide and directory; returns how many topics were added. */
export async function seedReturnGuide(tx: Tx, places: Map<string, string>): Promise<number> {
  const [nagaRow] = await tx.execute<{ id: string }>(sql`select id from lgus where slug = 'naga-city'`);
  const lguIds = new Map<string, string>();
  if (nagaRow) lguIds.set("naga-city", nagaRow.id);
  let added = 0;
  const addTopic = async (lguId: string | null, topic: Topic, body: LocalizedText, reviewedAt: string) => {
    const conflict = lguId ? sql`(lgu_id, topic) where lgu_id is not null` : sql`(topic) where lgu_id is null`;
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into return_guide_topics (lgu_id, topic, body, source_language) values (${lguId}::uuid, ${topic}::return_topic, ${JSON.stringify(body)}::jsonb, 'en')
      on conflict ${conflict} do nothing returning id`);
    if (inserted[0]) {
      await tx.execute(sql`update return_guide_topics set reviewed_at = ${reviewedAt}::timestamptz, updated_at = ${reviewedAt}::timestamptz where id = ${inserted[0].id}::uuid`);
      added++;
    }
  };
  for (const [topic, body] of Object.entries(national) as [Topic, LocalizedText][]) {
    // One topic long unreviewed, so the editors' page and the reminder have something to show.
    await addTopic(null, topic, body, topic === "investment" ? "2025-09-15T00:00:00Z" : "2026-11-02T00:00:00Z");
  }
  const nagaId = lguIds.get("naga-city");
  if (nagaId) for (const [topic, body] of Object.entries(naga) as [Topic, LocalizedText][]) await addTopic(nagaId, topic, body, "2026-11-10T00:00:00Z");

  for (const service of services) {
    const lguId = service.lgu ? lguIds.get(service.lgu) : null;
    const placeId = places.get(service.place);
    if ((service.lgu && !lguId) || !placeId) continue;
    await tx.execute(sql`
      insert into return_services (lgu_id, kind, name, description, place_id, address, phone, email, website, opening_hours, languages, eligibility, eligibility_note)
      select ${lguId ?? null}::uuid, ${service.kind}::return_service_kind, ${service.name}, ${JSON.stringify(service.description)}::jsonb, ${placeId}::uuid,
        ${service.address}, ${service.phone ?? null}, ${service.email ?? null}, ${service.website ?? null}, ${JSON.stringify(service.hours)}::jsonb,
        ${`{${service.languages.join(",")}}`}::text[], ${service.eligibility}::return_service_eligibility, ${JSON.stringify(service.eligibilityNote ?? {})}::jsonb
      where not exists (select 1 from return_services s where s.name = ${service.name} and s.lgu_id is not distinct from ${lguId ?? null}::uuid)`);
  }
  return added;
}
