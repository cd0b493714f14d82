import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n as I18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";
import { getLanguage } from "~/i18n/i18next.server";
import { resources } from "~/i18n/resources.server";
import { scriptJson, SerializedStringsProvider, setStringsSource } from "~/i18n/strings";
import { isScriptFree } from "~/utils/meta";
import { NonceProvider } from "~/utils/nonce";

const ABORT_DELAY = 5_000;

// Page titles (meta) read the strings from the bundled resources.
setStringsSource((language) => resources[language as keyof typeof resources]);

// The strings a hydrating page embeds for the browser, serialized once per language.
const serializedStrings = new Map<string, string>();
function stringsJson(language: string): string {
  let json = serializedStrings.get(language);
  if (json === undefined) {
    json = scriptJson(resources[language as keyof typeof resources] ?? {});
    serializedStrings.set(language, json);
  }
  return json;
}

// One i18next instance per language, built on first use: rendering only reads from it (the server
// never changes an instance's language), and building one per request cost about 1 ms.
const instances = new Map<string, Promise<I18n>>();
function i18nFor(language: string): Promise<I18n> {
  let instance = instances.get(language);
  if (!instance) {
    const i18n = createInstance();
    instance = i18n
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: language, ns: Object.keys(resources[language as keyof typeof resources] ?? {}), resources })
      .then(() => rememberPlainLookups(i18n));
    instances.set(language, instance);
  }
  return instance;
}

// The options `useTranslation`'s t() passes on every call; with nothing else, a lookup depends only
// on them and the key.
const plainOptions = new Set(["lng", "lngs", "ns", "keyPrefix"]);
const MAX_REMEMBERED = 10_000;

/**
 * A page makes a hundred or so t() calls, most of them plain lookups (no count, no values), and
 * i18next works each one out again (key and namespace parsing, fallbacks, post-processing): about
 * 1 ms of a list page. The server's instances never change language or strings, so a plain lookup
 * always gives the same string; it is remembered. Calls with any other option (a count, values to
 * interpolate, returnObjects, a default value) go to i18next every time.
 */
function rememberPlainLookups(i18n: I18n): I18n {
  const translate = i18n.t.bind(i18n) as (key: unknown, options?: Record<string, unknown>) => unknown;
  const remembered = new Map<string, unknown>();
  i18n.t = ((key: unknown, options?: Record<string, unknown>) => {
    if (typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null))) {
      return translate(key, options);
    }
    for (const option in options) if (!plainOptions.has(option)) return translate(key, options);
    const ns = options?.ns;
    const id = [options?.lng ?? "", String(options?.lngs ?? ""), Array.isArray(ns) ? ns.join(",") : String(ns ?? ""), options?.keyPrefix ?? "", key].join("\u0000");
    if (remembered.has(id)) return remembered.get(id);
    const text = translate(key, options);
    if (remembered.size < MAX_REMEMBERED) remembered.set(id, text);
    return text;
  }) as I18n["t"];
  rememberFixedTs(i18n);
  return i18n;
}

type FixedT = ((key: unknown, ...rest: unknown[]) => unknown) & { lng?: unknown; lngs?: unknown; ns?: unknown; keyPrefix?: unknown };

/**
 * useTranslation asks i18next for a new fixed t() on every render of every component that uses it,
 * and each call of that t() builds an options object before it reaches i18n.t: about 0.5 ms of a
 * list page. For the instance's own language (the server's useTranslation passes none), a fixed
 * t() is made once per namespace and key prefix, and a plain call of it (a key alone) is answered
 * from its own map; any other call goes the usual way.
 */
function rememberFixedTs(i18n: I18n) {
  const getFixedT = i18n.getFixedT.bind(i18n) as unknown as (lng: unknown, ns: unknown, keyPrefix: unknown) => FixedT;
  const made = new Map<string, FixedT>();
  i18n.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown) => {
    if ((lng !== null && lng !== undefined) || (ns != null && typeof ns !== "string") || (keyPrefix != null && typeof keyPrefix !== "string")) {
      return getFixedT(lng, ns, keyPrefix);
    }
    const id = `${ns ?? ""}\u0000${keyPrefix ?? ""}`;
    let fixedT = made.get(id);
    if (!fixedT) {
      const slow = getFixedT(lng, ns, keyPrefix);
      const texts = new Map<string, unknown>();
      fixedT = Object.assign(
        (key: unknown, ...rest: unknown[]) => {
          if (rest.length > 0 || typeof key !== "string") return slow(key, ...rest);
          if (texts.has(key)) return texts.get(key);
          const text = slow(key);
          if (texts.size < MAX_REMEMBERED) texts.set(key, text);
          return text;
        },
        { lng: slow.lng, lngs: slow.lngs, ns: slow.ns, keyPrefix: slow.keyPrefix },
      );
      made.set(id, fixedT);
    }
    return fixedT;
  }) as unknown as I18n["getFixedT"];
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const language = await getLanguage(request, loadContext);
  const i18n = await i18nFor(language);

  const document = (
    <NonceProvider value={nonce}>
      <SerializedStringsProvider value={stringsJson(language)}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </SerializedStringsProvider>
    </NonceProvider>
  );

  // A page that ships no script (handle = scriptFree) has nothing to stream for: no Suspense, no
  // hydration data, and its HTML is small. It is rendered to one string, which spares the stream
  // machinery (React's stream, a PassThrough, a web ReadableStream read chunk by chunk into the
  // response): about 2 ms of CPU per page, a fifth of the server's. A render error throws, as
  // onShellError rejects below. (It also fixes a fault of React 18's stream here: it put a NUL
  // byte before some multi-byte characters of French and Arabic pages.)
  if (remixContext.staticHandlerContext.matches.some((match) => isScriptFree(remixContext.routeModules[match.route.id]?.handle))) {
    const html = renderToString(document);
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
  }

  // Bots and no-JS clients get the whole document at once; browsers get the shell streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(document, {
      nonce,
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors while streaming after the shell are logged by the server's request logger.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
