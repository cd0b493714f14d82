import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";

interface RootData {
  language: string;
  translations: Record<string, Record<string, unknown>>;
}

async function hydrate() {
  // The root loader sends the active language's strings; no second request before hydration.
  const context = (window as unknown as { __remixContext?: { state?: { loaderData?: Record<string, unknown> } } })
    .__remixContext;
  const root = context?.state?.loaderData?.root as RootData | undefined;
  const language = root?.language ?? document.documentElement.lang ?? "en";
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng: language,
    resources: root ? { [language]: root.translations } : {},
  });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
