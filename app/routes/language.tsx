import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPanel } from "~/components/error-page";
import { supportedLanguages } from "~/i18n/config";
import { languageCookie } from "~/i18n/i18next.server";
import { safeRedirectPath } from "~/utils/errors";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import en from "../../public/locales/en/common.json";

const languageForm = z.object({
  language: z.enum(supportedLanguages, { errorMap: () => ({ message: "language.invalid" }) }),
  returnTo: z.string().optional(),
});

/** POST /language: remember the chosen language in a cookie and go back where the person was. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = languageForm.safeParse(form);
  if (!parsed.success) {
    return json({ errors: parsed.error.issues.map((issue) => issue.message) }, { status: 400 });
  }
  const { language } = parsed.data;
  const target = new URL(safeRedirectPath(parsed.data.returnTo), "http://tulay.local");
  // A ?lng= left in the address would override the new choice on the next page.
  target.searchParams.delete("lng");
  return redirectWithToast(
    `${target.pathname}${target.search}`,
    // Language names are endonyms, the same in every locale file.
    { type: "success", messageKey: "language.changed", values: { language: en.language.names[language] } },
    { "Set-Cookie": await languageCookie.serialize(language) },
  );
}

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "language.label");

// Shown after a refused choice (400), or to someone who opens /language directly.
export default function LanguagePage() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <ErrorPanel title={data ? t("errors.badRequestTitle") : t("language.label")}>
      {data ? data.errors.map((key) => <p key={key}>{t(key)}</p>) : <p>{t("language.invalid")}</p>}
    </ErrorPanel>
  );
}
