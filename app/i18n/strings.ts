/**
 * A language's strings outside React's i18next context (page titles in `meta`), and how the browser
 * gets them.
 *
 * The server reads the bundled resources. A page that hydrates carries its language's strings as
 * JSON in `<script id="i18n-strings" type="application/json">`, written by the root layout, so the
 * browser needs no second request; entry.client reads it into i18next, which the browser then reads
 * from. Script-free pages carry no strings at all: they used to go in the root loader's data, which
 * every document request serialized, parsed and serialized again (about 1 ms of server CPU for
 * some 45 KB), whether or not the page hydrated.
 */
import { createContext, useContext } from "react";
import type { resources } from "./resources.server";
import type { Language } from "./config";

export type Strings = (typeof resources)[Language];

let source: (language: string) => Strings | undefined = () => undefined;

/** Where `stringsOf` reads from: entry.server and entry.client set it. */
export function setStringsSource(read: (language: string) => Strings | undefined) {
  source = read;
}

export function stringsOf(language: string): Strings | undefined {
  return source(language);
}

export const STRINGS_ELEMENT_ID = "i18n-strings";

/** JSON that is safe inside a <script> element, escaped as Remix escapes its own inline data. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// The text of the strings element: on the server, the response language's (serialized once per
// language); in the browser, exactly what the server sent, so hydration finds the same element.
const SerializedStrings = createContext("");
export const SerializedStringsProvider = SerializedStrings.Provider;
export const useSerializedStrings = () => useContext(SerializedStrings);
