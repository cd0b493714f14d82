/**
 * The returnee guide's pieces shared by the national and the LGU pages: the topics' contents, one
 * topic's text with its review date, and a directory entry. Plain HTML: the pages ship no script.
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface ContentsTopic {
  topic: string;
  written: boolean;
  excerpt: { text: string; lang: string } | null;
  reviewedOn: string | null;
}

/** The eight topics, each a link with the first words of its text and its review date. */
export function GuideContents({ topics, base, fallbackNote }: { topics: ContentsTopic[]; base: string; fallbackNote?: ReactNode }) {
  const { t } = useTranslation("returnGuide");
  return (
    <ol className="grid" aria-labelledby="guide-contents">
      {topics.map((topic) => (
        <li key={topic.topic}>
          <article className="card" aria-labelledby={`topic-${topic.topic}`}>
            <h3 id={`topic-${topic.topic}`} className="card__title">
              <Link to={`${base}/${topic.topic}`}>{t(`topics.${topic.topic}.title`)}</Link>
            </h3>
            {topic.excerpt ? (
              <p className="card__body" lang={topic.excerpt.lang} dir="auto">
                {topic.excerpt.text}
              </p>
            ) : (
              <p className="card__body muted">{fallbackNote ?? t(`topics.${topic.topic}.short`)}</p>
            )}
            {topic.reviewedOn ? <p className="card__meta">{t("lastReviewed", { date: topic.reviewedOn })}</p> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}

export interface TopicText {
  id: string;
  html: string;
  lang: string;
  reviewedOn: string;
  translated: boolean;
}

/** A topic's text (sanitized on the server), its review date, and for the administrative steps the checklist button. */
export function TopicBody({ text, checklist }: { text: TopicText; checklist?: { signedIn: boolean; here: string } | null }) {
  const { t } = useTranslation("returnGuide");
  return (
    <>
      <p className="muted">{t("lastReviewed", { date: text.reviewedOn })}</p>
      {text.translated ? null : <p className="notice">{t("notTranslated")}</p>}
      {/* Sanitized on the server (projects/rich-text.server.ts): an allow-list of tags, no scripts or handlers. */}
      <div className="prose" lang={text.lang} dir="auto" dangerouslySetInnerHTML={{ __html: text.html }} />
      {checklist ? (
        <section className="panel" aria-labelledby="checklist-start">
          <h2 id="checklist-start">{t("checklist.startTitle")}</h2>
          <p>{t("checklist.startHint")}</p>
          {checklist.signedIn ? (
            <Form method="post" action="/me/return-checklist">
              <input type="hidden" name="intent" value="start" />
              <input type="hidden" name="topic" value={text.id} />
              <button type="submit" className="button">
                {t("checklist.start")}
              </button>
            </Form>
          ) : (
            <p>
              <Link to={`/login?${new URLSearchParams({ redirectTo: checklist.here })}`} className="button">
                {t("checklist.signInToStart")}
              </Link>
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}

export interface ServiceEntry {
  id: string;
  kind: string;
  name: string;
  description: { text: string; lang: string } | null;
  address: string;
  placeName: string;
  parentName: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: { text: string; lang: string } | null;
  languageNames: string[];
  eligibility: string;
  eligibilityNote: { text: string; lang: string } | null;
}

/** One entry of the directory: what it is, where, when, in which languages, for whom, how to reach it. */
export function ServiceCard({ service, headingLevel = 2 }: { service: ServiceEntry; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("returnGuide");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card" aria-labelledby={`service-${service.id}`}>
      <Heading id={`service-${service.id}`} className="card__title">
        <bdi>{service.name}</bdi>
      </Heading>
      <p className="card__meta">
        <span className="badge">{t(`kinds.${service.kind}`)}</span>
        <span>
          <bdi>{service.placeName}</bdi>
          {service.parentName ? (
            <>
              , <bdi>{service.parentName}</bdi>
            </>
          ) : null}
        </span>
      </p>
      {service.description ? (
        <p className="card__body" lang={service.description.lang} dir="auto">
          {service.description.text}
        </p>
      ) : null}
      <dl className="definition-list">
        <dt>{t("directory.eligibility")}</dt>
        <dd>
          {t(`eligibility.${service.eligibility}`)}
          {service.eligibilityNote ? (
            <>
              {" "}
              <span lang={service.eligibilityNote.lang} dir="auto">
                {service.eligibilityNote.text}
              </span>
            </>
          ) : null}
        </dd>
        <dt>{t("directory.address")}</dt>
        <dd>
          <bdi>{service.address}</bdi>
        </dd>
        {service.openingHours ? (
          <>
            <dt>{t("directory.hours")}</dt>
            <dd lang={service.openingHours.lang} dir="auto">
              {service.openingHours.text}
            </dd>
          </>
        ) : null}
        {service.languageNames.length ? (
          <>
            <dt>{t("directory.languages")}</dt>
            <dd>{service.languageNames.join(", ")}</dd>
          </>
        ) : null}
        {service.phone ? (
          <>
            <dt>{t("directory.phone")}</dt>
            <dd>
              <a href={`tel:${service.phone.replace(/[^+0-9]/g, "")}`} dir="ltr">
                {service.phone}
              </a>
            </dd>
          </>
        ) : null}
        {service.email ? (
          <>
            <dt>{t("directory.email")}</dt>
            <dd>
              <a href={`mailto:${service.email}`}>{service.email}</a>
            </dd>
          </>
        ) : null}
        {service.website ? (
          <>
            <dt>{t("directory.website")}</dt>
            <dd>
              <a href={service.website} rel="noopener noreferrer external">
                {hostOf(service.website)}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
