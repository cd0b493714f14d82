/**
 * Finding a skill to add. Without JavaScript: a search form (GET ?q=) whose results, listed by the
 * page, each link to ?add=<code>. With JavaScript, suggestions appear under the field as one types
 * (from /skills/suggest), as the same links; a status line says how many, for screen readers.
 */
import { Form, Link } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Suggestion {
  code: string;
  label: string;
  kind: "occupation" | "skill";
  iscoCode: string | null;
}

export function SkillSearch({ q, addHref }: { q: string; addHref: (code: string) => string }) {
  const { t } = useTranslation("skills");
  const id = useId();
  const [query, setQuery] = useState(q);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    // The page lists the results of the submitted query itself; suggest only while typing something else.
    if (text.length < 2 || text === q) {
      setSuggestions(null);
      return;
    }
    const request = ++latest.current;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/skills/suggest?q=${encodeURIComponent(text)}`, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: Suggestion[] }>) : null))
        .then((data) => {
          if (data && request === latest.current) setSuggestions(data.suggestions);
        })
        .catch(() => {});
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, q]);

  return (
    <div className="skill-search">
      <Form method="get" role="search" aria-label={t("picker.searchLabel")} className="filters">
        <div className="field filters__q">
          <label htmlFor={`${id}-q`}>{t("picker.query")}</label>
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            maxLength={100}
            autoComplete="off"
            aria-describedby={`${id}-status`}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("picker.search")}
        </button>
      </Form>
      <p id={`${id}-status`} role="status" className="visually-hidden">
        {suggestions ? t("picker.suggestions", { count: suggestions.length }) : ""}
      </p>
      {suggestions && suggestions.length > 0 ? (
        <ul className="skill-suggestions" aria-label={t("picker.suggestionsLabel")}>
          {suggestions.map((s) => (
            <li key={s.code}>
              <Link to={addHref(s.code)}>
                {s.label}
                {s.kind === "occupation" ? <span className="muted"> · {t("kind.occupation", { code: s.iscoCode })}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
