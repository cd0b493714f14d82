import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { withRls } from "~/db/client.server";
import { lguMemberships, lgus } from "~/db/schema";
import { countryName, formatDate, formatMoney, languageName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { myContributions } from "~/modules/contributions/giving.server";
import { statementYears } from "~/modules/contributions/statements.server";
import { opportunitiesFor } from "~/modules/investments/matching.server";
import { getOwnProfile } from "~/modules/people/profile.server";
import { localized } from "~/i18n/localized";
import { listNotifications, markAllRead } from "~/modules/projects/follow.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "account:home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const own = await getOwnProfile(session);
  const lguRoles = await withRls(session.claims, (tx) =>
    tx
      .select({ slug: lgus.slug, name: lgus.name, role: lguMemberships.role, status: lgus.verificationStatus })
      .from(lguMemberships)
      .innerJoin(lgus, eq(lgus.id, lguMemberships.lguId))
      .where(eq(lguMemberships.userId, session.user.id)),
  );
  const language = await getLanguage(request);
  const notes = (await listNotifications(session.claims)).map((n) => {
    const data = n.data as { projectSlug?: string; projectTitle?: Record<string, string> };
    return { id: n.id, unread: n.readAt === null, slug: data.projectSlug ?? "", title: localized(data.projectTitle, language)?.text ?? data.projectSlug ?? "", when: formatDate(n.createdAt, language) };
  });
  const country = own.profile?.countryOfResidence ? countryName(own.profile.countryOfResidence, await getLanguage(request)) : null;
  const gifts = (await myContributions(session.claims)).map((g) => ({
    reference: g.reference,
    kind: g.kind,
    status: g.status,
    amount: formatMoney(g.amountMinor, g.currency, language),
    title: localized(g.projectTitle, language),
    when: formatDate(g.createdAt, language),
  }));
  const years = await statementYears(session.claims);
  // Reasons in words: the codes (sectors, language) become names here, the sentences in the page.
  const forYou = (await opportunitiesFor(session.claims, language)).map((o) => ({
    slug: o.slug,
    title: o.title,
    lguName: o.lguName,
    reasons: o.reasons.map((r) =>
      r.code === "sector" ? { code: r.code, sectors: r.sectors } : r.code === "language" ? { code: r.code, language: languageName(r.language, language) } : r.code === "ticket" ? { code: r.code } : { code: r.code, place: r.place },
    ),
  }));
  return json(
    { email: session.user.email, profile: own.profile, country, hometownCount: own.hometownIds.length, lguRoles, notes, gifts, years, forYou },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  await markAllRead(session.claims);
  return redirectWithToast("/me", { type: "success", messageKey: "account:notifications.marked" });
}

export default function MeHome() {
  const { email, profile, country, hometownCount, lguRoles, notes, gifts, years, forYou } = useLoaderData<typeof loader>();
  const { t } = useTranslation("account");
  const complete = Boolean(profile?.countryOfResidence && hometownCount > 0);
  return (
    <div className="container section stack">
      <h1>{t("home.greeting", { name: profile?.displayName ?? email })}</h1>
      {!complete ? (
        <p className="notice">
          {t("home.completeProfile")} <Link to="/me/profile">{t("home.editProfile")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="me-notifications">
        <h2 id="me-notifications">{t("notifications.title")}</h2>
        {notes.length === 0 ? (
          <p className="empty">{t("notifications.empty")}</p>
        ) : (
          <>
            <ul>
              {notes.map((n) => (
                <li key={n.id}>
                  {n.unread ? <span className="badge">{t("notifications.unread")}</span> : null}{" "}
                  <Link to={`/projects/${n.slug}`}>{t("notifications.projectUpdate", { title: n.title })}</Link>{" "}
                  <span className="muted">{n.when}</span>
                </li>
              ))}
            </ul>
            {notes.some((n) => n.unread) ? (
              <Form method="post">
                <button type="submit" className="link-button" name="intent" value="read">
                  {t("notifications.markRead")}
                </button>
              </Form>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="me-for-you">
        <h2 id="me-for-you">{t("invest:forYou.title")}</h2>
        {forYou.length === 0 ? (
          <p className="empty">
            {t("invest:forYou.none")} <Link to="/me/profile">{t("home.editProfile")}</Link> · <Link to="/me/invest">{t("invest:mine.preferencesTitle")}</Link>
          </p>
        ) : (
          <ul className="plan-list" role="list">
            {forYou.map((o) => (
              <li key={o.slug}>
                <Link to={`/invest/${o.slug}`} lang={o.title?.lang} dir="auto">
                  {o.title?.text}
                </Link>{" "}
                <span className="muted">
                  <bdi>{o.lguName}</bdi>
                </span>
                <p className="plan-item__facts">
                  {t("invest:forYou.why")}{" "}
                  {o.reasons
                    .map((r) =>
                      r.code === "sector"
                        ? t("invest:forYou.reasons.sector", { sectors: (r.sectors ?? []).map((s) => t(`sectors.${s}`)).join(", ") })
                        : t(`invest:forYou.reasons.${r.code}`, { place: "place" in r ? r.place : "", language: "language" in r ? r.language : "" }),
                    )
                    .join("; ")}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/me/invest">{t("invest:mine.title")}</Link> · <Link to="/invest">{t("invest:forYou.all")}</Link>
        </p>
        <p>
          <Link to="/me/jobs">{t("jobs:forYou.title")}</Link> · <Link to="/me/applications">{t("jobs:mine.title")}</Link>
        </p>
      </section>
      <section aria-labelledby="me-gifts">
        <h2 id="me-gifts">{t("giving:mine.title")}</h2>
        {gifts.length === 0 ? (
          <p className="empty">
            {t("giving:mine.none")} <Link to="/projects">{t("giving:mine.browse")}</Link>
          </p>
        ) : (
          <ul className="plan-list" role="list">
            {gifts.map((g) => (
              <li key={g.reference}>
                <Link to={`/me/gifts/${g.reference}`}>
                  <span lang={g.title?.lang}>{g.title?.text}</span> — {g.amount}
                </Link>
                <p className="plan-item__facts">
                  <span className="badge">{t(`giving:status.${g.status}`)}</span>
                  <span>{t(`giving:gift.heading.${g.kind}`)}</span>
                  <span>{g.when}</span>
                  <span dir="ltr">{g.reference}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
        {years.length > 0 ? (
          <>
            <h3 id="me-statements">{t("giving:mine.statements")}</h3>
            <ul aria-labelledby="me-statements">
              {years.map((year) => (
                <li key={year}>
                  <a href={`/me/statements/${year}.pdf`}>
                    {t("giving:mine.statementLink", { year })}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="me-profile">
        <h2 id="me-profile">{t("home.profile")}</h2>
        <dl className="facts">
          <dt>{t("fields.email")}</dt>
          <dd>
            <bdi>{email}</bdi>
          </dd>
          <dt>{t("fields.countryOfResidence")}</dt>
          <dd>{country ?? t("fields.notSaying")}</dd>
          <dt>{t("fields.hometowns")}</dt>
          <dd>{t("home.hometownCount", { count: hometownCount })}</dd>
        </dl>
        <p>
          <Link to="/me/profile" className="button">
            {t("home.editProfile")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="me-lgus">
        <h2 id="me-lgus">{t("home.lguRoles")}</h2>
        {lguRoles.length === 0 ? (
          <p>
            {t("home.noLguRoles")} <Link to="/lgus/register">{t("home.registerLgu")}</Link>
          </p>
        ) : (
          <ul>
            {lguRoles.map((r) => (
              <li key={`${r.slug}-${r.role}`}>
                <Link to={`/manage/${r.slug}`}>
                  <bdi>{r.name}</bdi>
                </Link>{" "}
                — {t(`lguRoles.${r.role}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="me-more">
        <h2 id="me-more">{t("home.more")}</h2>
        <ul>
          <li>
            <Link to="/me/skills">{t("skills:mine.title")}</Link>
          </li>
          <li>
            <Link to="/me/organisations">{t("home.organisations")}</Link>
          </li>
          <li>
            <Link to="/me/permits">{t("permits:mine.listTitle")}</Link>
          </li>
          <li>
            <Link to="/me/return-checklist">{t("returnGuide:checklist.mine")}</Link>
          </li>
          <li>
            <Link to="/me/matches">{t("matching:link")}</Link>
          </li>
          <li>
            <Link to="/me/volunteering">{t("volunteer:mine.link")}</Link>
          </li>
          <li>
            <Link to="/me/settings">{t("home.settings")}</Link>
          </li>
          <li>
            <a href="/me/export" download>
              {t("home.export")}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
