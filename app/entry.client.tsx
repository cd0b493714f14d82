import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";
import { SerializedStringsProvider, setStringsSource, STRINGS_ELEMENT_ID, type Strings } from "~/i18n/strings";

interface RootData {
  language: string;
}

async function hydrate() {
  // The page carries its language's strings (written by the root layout): no second request before
  // hydration. The element's text also goes back to the layout, so hydration finds it unchanged.
  const context = (window as unknown as { __remixContext?: { state?: { loaderData?: Record<string, unknown> } } })
    .__remixContext;
  const root = context?.state?.loaderData?.root as RootData | undefined;
  const language = root?.language ?? document.documentElement.lang ?? "en";
  const serialized = document.getElementById(STRINGS_ELEMENT_ID)?.textContent ?? "";
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng: language,
    resources: serialized ? { [language]: JSON.parse(serialized) as Strings } : {},
  });
  setStringsSource((lng) => i18next.getDataByLanguage(lng) as Strings | undefined);

  startTransition(() => {
    hydrateRoot(
      document,
      <SerializedStringsProvider value={serialized}>
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>
      </SerializedStringsProvider>,
    );
  });
}

void hydrate();
