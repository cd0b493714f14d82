import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { ToastMessage } from "~/components/toast";
import { publicEnv } from "~/config/env.server";
import { defaultNS, textDirection } from "~/i18n/config";
import { getLanguage, languageCookieHeader } from "~/i18n/i18next.server";
import { resources } from "~/i18n/resources.server";
import { STRINGS_ELEMENT_ID, stringsOf, useSerializedStrings } from "~/i18n/strings";
import { type ScriptFreeHandle } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { getToast } from "~/utils/toast.server";
import { getAuth, headerUser } from "~/modules/auth/session.server";
import stylesheet from "~/styles/app.css";

export const handle = { i18n: defaultNS };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request, context);
  const { toast, headers } = await getToast(request);
  const cookie = await languageCookieHeader(request);
  if (cookie) headers.append("Set-Cookie", cookie);
  const auth = await getAuth(request);
  auth.headers.forEach((value, key) => {
    if (key.toLowerCase() === "set-cookie") headers.append("Set-Cookie", value);
  });
  const user = auth.session ? await headerUser(auth.session) : null;
  return json(
    {
      language,
      // A page that hydrates gets its strings from the layout (see ~/i18n/strings); the root's data
      // carries them only when the browser asks for it (a client-side navigation), in case the
      // language changed meanwhile.
      translations: context.dataRequest ? resources[language] : undefined,
      toast,
      user,
      env: publicEnv(),
    },
    { headers },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = data ? (data.translations ?? stringsOf(data.language))?.common : undefined;
  return [
    { title: t ? `${t.meta.title} — ${t.meta.tagline}` : "Tulay" },
    { name: "description", content: t?.meta.description ?? "" },
  ];
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const location = useLocation();
  const language = data?.language ?? i18n.language ?? "en";

  // After a client-side navigation that changed the language (rare: the switcher reloads the
  // document), make sure i18next has the new strings.
  useEffect(() => {
    if (!data?.translations) return;
    for (const [ns, strings] of Object.entries(data.translations)) {
      if (!i18n.hasResourceBundle(data.language, ns)) i18n.addResourceBundle(data.language, ns, strings);
    }
    if (i18n.language !== data.language) void i18n.changeLanguage(data.language);
  }, [data, i18n]);

  const returnTo = `${location.pathname}${location.search}`;
  // Pages that work entirely as HTML (links and GET/POST forms) say so with `handle.hydrate = false`
  // and get no JavaScript at all: no React, no loader data or strings inlined for hydration.
  const hydrate = !useMatches().some((match) => isScriptFree(match.handle));
  const strings = useSerializedStrings();
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("nav.skipToContent")}
        </a>
        <SiteHeader language={language} returnTo={returnTo} user={data?.user ?? null} />
        <ToastMessage toast={data?.toast ?? null} dismissHref={returnTo} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {hydrate ? (
          <>
            {/* Data for the browser's i18next (entry.client); browsers hide the nonce, hence suppressHydrationWarning. */}
            <script
              id={STRINGS_ELEMENT_ID}
              type="application/json"
              nonce={nonce}
              suppressHydrationWarning
              dangerouslySetInnerHTML={{ __html: strings }}
            />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function isScriptFree(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as ScriptFreeHandle).hydrate === false;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
