import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { PersonToInvite } from "~/components/person-to-invite";
import { countryName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { peopleForNeed } from "~/modules/matching/engine.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { invitePerson } from "~/modules/volunteering/offers.server";
import { notFound } from "~/utils/errors";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "volunteer:invite.title");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** People the LGU may invite for one of its skill needs (only those who show their skills publicly), with why. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  const language = await getLanguage(request);
  const people = UUID.test(params.need ?? "") ? await peopleForNeed(session.claims, lgu.id, params.need!, language) : null;
  if (!people) throw notFound("no such need of this LGU");
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      need: params.need!,
      people: people.map((p) => ({ ...p, country: p.country ? countryName(p.country, language) : null })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  const person = String((await request.formData()).get("person") ?? "");
  try {
    await invitePerson(session.claims, params.need ?? "", person, siteUrl(request));
  } catch (error) {
    const answer = refusedForm(null, error);
    const body = (await answer.json()) as { reply: ReplyLike };
    return json({ reply: { ...body.reply, form: person } }, { status: answer.status });
  }
  return redirectWithToast(`/manage/${lgu.slug}/volunteers/needs/${params.need}`, { type: "success", messageKey: "volunteer:invite.sent" });
}

type Reply = ReplyLike & { form?: string };

export default function InvitePeople() {
  const { lgu, people } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("volunteer");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/volunteers`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro")}</p>
      {people.length === 0 ? (
        <p className="empty">{t("invite.none")}</p>
      ) : (
        <ul className="plan-list" role="list">
          {people.map((p) => (
            <PersonToInvite
              key={p.profileId}
              person={p}
              heading="h2"
              words={{ unnamed: t("invite.unnamed"), already: t("invite.already"), send: t("invite.send") }}
              reply={reply?.form === p.profileId ? reply : undefined}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
