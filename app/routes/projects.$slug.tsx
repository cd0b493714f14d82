import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { withRls } from "~/db/client.server";
import { countryName, currencyMinorDigits, formatDate, formatMoney, formatNumber, languageName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { getClaims, requireUser } from "~/modules/auth/session.server";
import { convertMinor } from "~/modules/contributions/currency";
import { exchangeRateTable, viewerCurrency } from "~/modules/contributions/giving.server";
import { follow, isFollowing, unfollow } from "~/modules/projects/follow.server";
import { photoUrl } from "~/modules/projects/photos.server";
import { renderDescription } from "~/modules/projects/rich-text.server";
import { skillLabels } from "~/modules/skills/taxonomy.server";
import { getPublicProject, type PublicProject } from "~/modules/projects/queries.server";
import { projectVolunteering } from "~/modules/volunteering/offers.server";
import { needTakesOffers } from "~/modules/volunteering/need-state";
import { redirectWithToast } from "~/utils/toast.server";
import { scriptFree } from "~/utils/meta";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Links and plain forms only: no JavaScript needed.
export const handle = scriptFree;

function photoView(slug: string, photo: PublicProject["photos"][number]) {
  return {
    id: photo.id,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    small: photoUrl(slug, photo.id, 480),
    large: photoUrl(slug, photo.id, 1280),
  };
}

type PhotoView = ReturnType<typeof photoView>;

/** A photo at the width the layout gives it: the browser picks the variant (srcset), the size is reserved. */
function Photo({ photo, sizes, eager = false }: { photo: PhotoView; sizes: string; eager?: boolean }) {
  return (
    <img
      src={photo.small}
      srcSet={`${photo.small} 480w, ${photo.large} 1280w`}
      sizes={sizes}
      width={photo.width}
      height={photo.height}
      alt={photo.alt?.text ?? ""}
      lang={photo.alt?.lang}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
    />
  );
}

/** Thumbnails that open the large variant (a plain link: no script needed). */
function PhotoGrid({ photos }: { photos: PhotoView[] }) {
  return (
    <ul className="photo-grid" role="list">
      {photos.map((photo) => (
        <li key={photo.id}>
          <a href={photo.large}>
            <Photo photo={photo} sizes="(min-width: 48rem) 20rem, 50vw" />
          </a>
        </li>
      ))}
    </ul>
  );
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const language = await getLanguage(request);
  const project = SLUG.test(slug) && slug.length <= 120 ? await withRls(null, (tx) => getPublicProject(tx, slug, language)) : null;
  if (!project) throw new Response("Not found", { status: 404 });
  const claims = await getClaims(request);
  const following = claims ? await isFollowing(claims, project.slug) : false;
  const volunteering = await projectVolunteering(claims, project.id);
  // Signed-in donors see goal and raised roughly in their own currency (admins' rates).
  const theirs = await viewerCurrency(claims);
  const approx =
    theirs && theirs !== project.currency
      ? await exchangeRateTable().then(({ rates, updatedAt }) => {
          const convert = (minor: number) => convertMinor(minor, project.currency, theirs, rates, currencyMinorDigits);
          const goal = convert(project.goalMinor);
          const raised = convert(project.raisedMinor);
          return goal === null || raised === null || !updatedAt
            ? null
            : { goal: formatMoney(goal, theirs, language), raised: formatMoney(raised, theirs, language), asOf: formatDate(updatedAt, language) };
        })
      : null;
  const money = (minor: number) => formatMoney(minor, project.currency, language);
  const date = (value: string | Date | null) => (value ? formatDate(value, language) : null);
  // Skill needs name a skill of the taxonomy: its label in the reader's language.
  const skillNames = await skillLabels(null, [...project.needs.flatMap((n) => (n.skill ? [n.skill] : [])), ...volunteering.testimonials.map((v) => v.skill)], language);
  return json({
    url: `${siteUrl(request)}/projects/${project.slug}`,
    signedIn: Boolean(claims),
    following,
    approx,
    project: {
      slug: project.slug,
      title: project.title,
      summary: project.summary,
      description: project.description ? { lang: project.description.lang, html: renderDescription(project.description.text) } : null,
      sector: project.sector,
      sdgGoals: project.sdgGoals,
      status: project.status,
      cancelReason: project.cancelReason,
      lguName: project.lguName,
      lguSlug: project.lguSlug,
      place: `${project.projectPlaceName ? `${project.projectPlaceName}, ` : ""}${project.placeName}, ${countryName(project.countryCode, language)}`,
      coordinates:
        project.latitude !== null && project.longitude !== null ? { latitude: Number(project.latitude), longitude: Number(project.longitude) } : null,
      photos: project.photos.map((photo) => photoView(project.slug, photo)),
      planReference: project.planReference,
      implementingPartner: project.implementingPartner,
      dates: { starts: date(project.startsOn), ends: date(project.endsOn), lastUpdated: date(project.lastUpdated) },
      goal: money(project.goalMinor),
      raised: money(project.raisedMinor),
      refunded: project.refundedMinor > 0 ? money(project.refundedMinor) : null,
      gifts: project.gifts,
      raisedPercent: formatNumber(Math.floor((project.raisedMinor * 100) / project.goalMinor) / 100, language, { style: "percent" }),
      raisedRatio: { value: Math.min(project.raisedMinor, project.goalMinor), max: project.goalMinor },
      spent: money(project.spentMinor),
      // Spent against what was raised (money in hand); against the goal while nothing is raised yet.
      spentRatio: { value: project.spentMinor, max: Math.max(project.raisedMinor, project.spentMinor, 1) },
      matchingCommitted: money(project.matchingCommittedMinor),
      budgetLines: project.budgetLines.map((l) => ({ id: l.id, label: l.label, amount: money(l.amountMinor), spent: money(l.spentMinor) })),
      needs: project.needs.map((n) => ({
        id: n.id,
        kind: n.kind,
        description: n.description,
        amount: n.amountMinor ? money(n.amountMinor) : null,
        skill: n.skill ? (skillNames.get(n.skill) ?? n.skill) : null,
        quantity: n.quantity,
        found: n.fulfilled,
        mode: n.mode,
        dates: n.startsOn ? `${date(n.startsOn)}${n.endsOn ? ` – ${date(n.endsOn)}` : ""}` : null,
        language: n.language ? languageName(n.language, language) : null,
        expertMission: n.expertMission,
        open: needTakesOffers(n, project.status),
      })),
      volunteering: {
        hours: volunteering.hours > 0 ? formatNumber(volunteering.hours, language) : null,
        people: volunteering.people,
        testimonials: volunteering.testimonials.map((v) => ({
          key: `${v.offer_id}-${v.side}`,
          side: v.side,
          body: v.body,
          name: v.volunteer_name,
          skill: skillNames.get(v.skill) ?? v.skill,
          date: formatDate(v.written_at, language),
        })),
      },
      milestones: project.milestones.map((m) => ({ id: m.id, title: m.title, status: m.status, target: date(m.targetDate), completed: date(m.completedOn) })),
      cofunders: project.cofunders.map((c) => ({ id: c.id, kind: c.kind, name: c.name, funderSlug: c.funderSlug, ratio: `${c.ratioMatched}:${c.ratioGiven}`, cap: money(c.capMinor), committed: money(c.committedMinor) })),
      updates: project.updates.map((u) => ({ id: u.id, body: u.body, published: date(u.publishedAt), photos: u.photos.map((photo) => photoView(project.slug, photo)) })),
      spending: project.spending.map((s) => ({
        id: s.id,
        amount: money(s.amountMinor),
        spentOn: date(s.spentOn),
        payee: s.payee,
        category: s.category,
        evidence: s.hasEvidence ? `/projects/${project.slug}/spending/${s.id}/evidence` : null,
      })),
    },
  });
}

/** Follow or unfollow (signing in first if need be; the login page brings the person back here). */
export async function action({ params, request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const slug = params.slug ?? "";
  if (!SLUG.test(slug)) throw new Response("Not found", { status: 404 });
  const intent = (await request.formData()).get("intent");
  if (intent === "unfollow") {
    await unfollow(session.claims, slug);
    return redirectWithToast(`/projects/${slug}`, { type: "info", messageKey: "projects:page.unfollowed" });
  }
  try {
    await follow(session.claims, slug);
  } catch {
    throw new Response("Not found", { status: 404 });
  }
  return redirectWithToast(`/projects/${slug}`, { type: "success", messageKey: "projects:page.followed" });
}

// A link pasted in a chat app shows a card: title, summary and the portal's image.
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Tulay" }];
  const title = `${data.project.title?.text ?? ""} — ${data.project.lguName}`;
  const description = data.project.summary?.text ?? "";
  const origin = new URL(data.url).origin;
  const cover = data.project.photos[0];
  const image = cover ? `${origin}${cover.large}` : `${origin}/og-image.png`;
  const imageAlt = cover?.alt?.text ?? "Tulay";
  return [
    { title: `${title} — Tulay` },
    { name: "description", content: description },
    { property: "og:type", content: "article" },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:url", content: data.url },
    { property: "og:image", content: image },
    { property: "og:image:alt", content: imageAlt },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: description },
    { name: "twitter:image", content: image },
    { name: "twitter:image:alt", content: imageAlt },
  ];
};

export default function ProjectPage() {
  const { project: p, following, signedIn, approx } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  return (
    <article className="container section stack" aria-labelledby="project-title">
      <p>
        <Link to="/projects" className="back-link">
          {t("page.back")}
        </Link>
      </p>
      <h1 id="project-title" lang={p.title?.lang} dir="auto">
        {p.title?.text}
      </h1>
      <p className="card__meta">
        <span className="badge">{t(`status.${p.status}`)}</span>
        <span>{t(`account:sectors.${p.sector}`)}</span>
        <span>
          <Link to={`/lgus/${p.lguSlug}`}>
            <bdi>{p.lguName}</bdi>
          </Link>
          {" · "}
          <bdi>{p.place}</bdi>
        </span>
      </p>
      {p.photos[0] ? (
        <figure className="project-cover">
          <Photo photo={p.photos[0]} sizes="(min-width: 64rem) 60rem, 100vw" eager />
        </figure>
      ) : null}
      {p.status === "cancelled" && p.cancelReason ? (
        <p className="notice" role="note">
          {t("page.cancelled", { reason: p.cancelReason })}
        </p>
      ) : null}
      {p.summary ? (
        <p className="lead" lang={p.summary.lang} dir="auto">
          {p.summary.text}
        </p>
      ) : null}
      <p className="muted">{t("page.lastUpdated", { date: p.dates.lastUpdated })}</p>
      <Form method="post" className="follow">
        <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
        <button type="submit" className={following ? "button button--secondary" : "button"} aria-describedby="follow-hint">
          {following ? t("page.unfollow") : t("page.follow")}
        </button>
        <p id="follow-hint" className="field__hint">
          {following ? t("page.following") : signedIn ? t("page.followHint") : t("page.followSignIn")}
        </p>
      </Form>

      <section aria-labelledby="money-title" className="two-columns">
        <div className="stack">
          {p.description ? (
            // Sanitized on the server (rich-text.server.ts): an allow-list of tags, no scripts or handlers.
            <div className="prose" lang={p.description.lang} dir="auto" dangerouslySetInnerHTML={{ __html: p.description.html }} />
          ) : null}
          <dl className="facts">
            {p.dates.starts ? (
              <>
                <dt>{t("page.dates")}</dt>
                <dd>{t("page.dateRange", { starts: p.dates.starts, ends: p.dates.ends ?? "—" })}</dd>
              </>
            ) : null}
            {p.planReference ? (
              <>
                <dt>{t("page.plan")}</dt>
                <dd dir="auto">{p.planReference}</dd>
              </>
            ) : null}
            {p.implementingPartner ? (
              <>
                <dt>{t("page.partner")}</dt>
                <dd dir="auto">{p.implementingPartner}</dd>
              </>
            ) : null}
            {p.coordinates ? (
              <>
                <dt>{t("page.coordinates")}</dt>
                <dd>
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${p.coordinates.latitude}&mlon=${p.coordinates.longitude}#map=15/${p.coordinates.latitude}/${p.coordinates.longitude}`}
                    dir="ltr"
                  >
                    {t("page.coordinatesValue", { latitude: p.coordinates.latitude, longitude: p.coordinates.longitude })}
                  </a>
                </dd>
              </>
            ) : null}
            {p.sdgGoals.length ? (
              <>
                <dt>{t("page.sdgs")}</dt>
                <dd>{p.sdgGoals.map((g) => t("page.sdg", { goal: g })).join(", ")}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <aside className="card stack" aria-labelledby="money-title">
          <h2 id="money-title">{t("page.money")}</h2>
          <dl className="facts">
            <dt>{t("page.raised")}</dt>
            <dd>
              {p.raised} <span className="muted">({t("page.gifts", { count: p.gifts })})</span>
            </dd>
            <dt>{t("page.goal")}</dt>
            <dd>{p.goal}</dd>
            <dt>{t("page.spent")}</dt>
            <dd>{p.spent}</dd>
            {p.refunded ? (
              <>
                <dt>{t("page.refunded")}</dt>
                <dd>{p.refunded}</dd>
              </>
            ) : null}
            {p.cofunders.length ? (
              <>
                <dt>{t("page.matching")}</dt>
                <dd>{p.matchingCommitted}</dd>
              </>
            ) : null}
          </dl>
          <div className="progress">
            <label htmlFor="raised-meter">{t("page.raisedOfGoal", { percent: p.raisedPercent })}</label>
            <meter id="raised-meter" min={0} max={p.raisedRatio.max} value={p.raisedRatio.value}>
              {p.raisedPercent}
            </meter>
          </div>
          {approx ? <p className="muted">{t("giving:approx.raisedOfGoal", approx)}</p> : null}
          {p.status === "fundraising" ? (
            <p>
              <Link to={`/projects/${p.slug}/give`} className="button">
                {t("giving:give.cta")}
              </Link>
            </p>
          ) : null}
          <p>
            <Link to={`/projects/${p.slug}/ledger`}>{t("giving:ledger.link")}</Link>
          </p>
          <div className="progress">
            <label htmlFor="spent-meter">{t("page.spentOfRaised")}</label>
            <meter id="spent-meter" min={0} max={p.spentRatio.max} value={p.spentRatio.value}>
              {p.spent}
            </meter>
          </div>
        </aside>
      </section>

      {p.photos.length > 1 ? (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t("page.photos")}</h2>
          <PhotoGrid photos={p.photos.slice(1)} />
        </section>
      ) : null}

      {p.budgetLines.length ? (
        <section aria-labelledby="budget-title" className="table-wrap">
          <h2 id="budget-title">{t("page.budget")}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("page.line")}</th>
                <th scope="col" className="number">
                  {t("page.planned")}
                </th>
                <th scope="col" className="number">
                  {t("page.spent")}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.budgetLines.map((l) => (
                <tr key={l.id}>
                  <th scope="row" lang={l.label?.lang} dir="auto">
                    {l.label?.text}
                  </th>
                  <td className="number">{l.amount}</td>
                  <td className="number">{l.spent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {p.cofunders.length ? (
        <section aria-labelledby="cofunders-title" className="table-wrap">
          <h2 id="cofunders-title">{t("page.cofunders")}</h2>
          <p className="muted">{t("page.cofundersIntro")}</p>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("page.cofunder")}</th>
                <th scope="col">{t("page.ratio")}</th>
                <th scope="col" className="number">
                  {t("page.cap")}
                </th>
                <th scope="col" className="number">
                  {t("page.committed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.cofunders.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/funders/${c.funderSlug}`}>
                      <bdi>{c.name}</bdi>
                    </Link>{" "}
                    <span className="muted">({t(`cofunderKinds.${c.kind}`)})</span>
                  </th>
                  <td>{c.ratio}</td>
                  <td className="number">{c.cap}</td>
                  <td className="number">{c.committed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {p.needs.length ? (
        <section aria-labelledby="needs-title">
          <h2 id="needs-title">{t("page.needs")}</h2>
          <ul>
            {p.needs.map((n) => (
              <li key={n.id}>
                <strong>{t(`needs.${n.kind}`)}:</strong>{" "}
                <span lang={n.description?.lang} dir="auto">
                  {n.description?.text}
                </span>
                {n.skill ? ` (${n.skill})` : ""}
                {n.amount ? ` — ${n.amount}` : n.kind === "skill" && n.quantity ? ` — ${t("volunteer:people", { found: n.found, wanted: n.quantity })}` : n.quantity ? ` — ${t("page.quantity", { count: n.quantity })}` : ""}
                {n.kind === "skill" ? (
                  <span className="plan-item__facts">
                    {n.mode ? <span>{t(`workModes.${n.mode}`)}</span> : null}
                    {n.dates ? <span>{n.dates}</span> : null}
                    {n.language ? <span>{n.language}</span> : null}
                    {n.expertMission ? <span className="badge">{t("needs.expertMission")}</span> : null}
                    {n.open ? (
                      <Link to={`/volunteer/needs/${n.id}`} id={`offer-${n.id}`}>
                        {t("volunteer:offerHelp")}
                      </Link>
                    ) : (
                      <span className="badge">{t("needs.closed")}</span>
                    )}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {p.volunteering.hours || p.volunteering.testimonials.length ? (
        <section aria-labelledby="volunteering-title" className="stack">
          <h2 id="volunteering-title">{t("volunteer:project.title")}</h2>
          {p.volunteering.hours ? <p>{t("volunteer:project.hours", { hours: p.volunteering.hours, count: p.volunteering.people })}</p> : null}
          {p.volunteering.testimonials.length ? (
            <ul className="stack" role="list">
              {p.volunteering.testimonials.map((v) => (
                <li key={v.key}>
                  <blockquote dir="auto">{v.body}</blockquote>
                  <p className="muted">
                    {v.side === "lgu" ? t("volunteer:project.fromLgu", { skill: v.skill }) : v.name ? <bdi>{v.name}</bdi> : t("volunteer:aVolunteer")} · {v.date}
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {p.milestones.length ? (
        <section aria-labelledby="milestones-title">
          <h2 id="milestones-title">{t("page.milestones")}</h2>
          <ol>
            {p.milestones.map((m) => (
              <li key={m.id}>
                <span lang={m.title?.lang} dir="auto">
                  {m.title?.text}
                </span>{" "}
                — {m.status === "done" ? t("page.milestoneDone", { date: m.completed }) : t(`milestoneStatus.${m.status}`)}
                {m.status !== "done" ? ` (${t("page.target", { date: m.target })})` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="updates-title">
        <h2 id="updates-title">{t("page.updates")}</h2>
        {p.updates.length === 0 ? (
          <p className="empty">{t("page.noUpdates")}</p>
        ) : (
          <ul className="stack" role="list">
            {p.updates.map((u) => (
              <li key={u.id} className="card">
                <p className="muted">{u.published}</p>
                <p lang={u.body?.lang} dir="auto">
                  {u.body?.text}
                </p>
                {u.photos.length ? (
                  <PhotoGrid photos={u.photos} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="spending-title" className="table-wrap">
        <h2 id="spending-title">{t("page.spending")}</h2>
        {p.spending.length === 0 ? (
          <p className="empty">{t("page.noSpending")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("page.date")}</th>
                <th scope="col">{t("page.payee")}</th>
                <th scope="col">{t("page.category")}</th>
                <th scope="col" className="number">
                  {t("page.amount")}
                </th>
                <th scope="col">{t("page.evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {p.spending.map((s) => (
                <tr key={s.id}>
                  <td>{s.spentOn}</td>
                  <th scope="row" id={`spending-${s.id}`}>
                    <bdi>{s.payee}</bdi>
                  </th>
                  <td>{t(`ledger.categories.${s.category}`, { defaultValue: s.category })}</td>
                  <td className="number">{s.amount}</td>
                  <td>
                    {s.evidence ? (
                      <a href={s.evidence} aria-describedby={`spending-${s.id}`}>
                        {t("page.evidenceLink")}
                      </a>
                    ) : (
                      <span className="muted">{t("page.noEvidence")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
