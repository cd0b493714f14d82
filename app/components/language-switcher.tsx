import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";

/**
 * A plain form: works without JavaScript. It reloads the whole document because the language
 * also changes <html lang dir> and every string on the page.
 */
export function LanguageSwitcher({ language, returnTo }: { language: string; returnTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/language" reloadDocument className="language-switcher">
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="language-select">{t("language.label")}</label>
      <select id="language-select" name="language" defaultValue={language}>
        {supportedLanguages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.names.${lng}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {t("language.apply")}
      </button>
    </Form>
  );
}
