/**
 * The frame of a project's plan pages for LGU staff (needs, milestones, co-funders, place): the way
 * back to the project, the section links, the language the text fields are written in, whether this
 * person may change anything, and the pieces each item's row repeats (edit disclosure, remove).
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";
import { FormErrors, type ReplyLike } from "./form";
import { LANGUAGE_NAMES } from "./project-form";

export type PlanSection = "needs" | "milestones" | "cofunders" | "place" | "photos";
const SECTIONS: PlanSection[] = ["needs", "milestones", "cofunders", "place", "photos"];

export interface PlanHeaderData {
  lgu: { slug: string; name: string };
  project: { slug: string; title: { text: string; lang: string } | null; status: string; public: boolean };
  closed: boolean;
  mayEdit: boolean;
  canEdit: boolean;
  textLanguage: string;
}

/** An action's answer, marked with the form on the page it is for. */
export type PlanReply = ReplyLike & { form?: string };

export const replyFor = (reply: PlanReply | undefined, form: string) => (reply?.form === form ? reply : undefined);

export const planBase = (header: PlanHeaderData) => `/manage/${header.lgu.slug}/projects/${header.project.slug}`;

export function PlanPage({
  header,
  section,
  intro,
  localizedText = false,
  children,
}: {
  header: PlanHeaderData;
  section: PlanSection;
  intro: string;
  /** The section has text written per language: offer the language links. */
  localizedText?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("projects");
  const base = planBase(header);
  return (
    <div className="container section stack">
      <p>
        <Link to={base} className="back-link">
          <bdi lang={header.project.title?.lang}>{header.project.title?.text ?? header.project.slug}</bdi>
        </Link>
      </p>
      <h1>{t(`planEditor.sections.${section}`)}</h1>
      <p className="lead">{intro}</p>
      <nav aria-label={t("planEditor.navLabel")}>
        <ul className="inline-list" role="list">
          {SECTIONS.map((s) => (
            <li key={s}>
              <Link to={`${base}/${s}?text=${header.textLanguage}`} aria-current={s === section ? "page" : undefined}>
                {t(`planEditor.sections.${s}`)}
              </Link>
            </li>
          ))}
          {header.project.public ? (
            <li>
              <Link to={`/projects/${header.project.slug}`}>{t("manage.publicPage")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {header.closed ? (
        <p className="notice">{t("planEditor.closed", { status: t(`status.${header.project.status}`) })}</p>
      ) : !header.mayEdit ? (
        <p className="notice">{t("planEditor.readOnly")}</p>
      ) : null}
      {localizedText && header.canEdit ? (
        <nav aria-label={t("form.otherLanguages")}>
          <p className="muted">{t("form.editingLanguage", { language: LANGUAGE_NAMES[header.textLanguage] ?? header.textLanguage })}</p>
          <ul className="inline-list" role="list">
            {supportedLanguages.map((l) => (
              <li key={l}>
                <Link to={`?text=${l}`} aria-current={l === header.textLanguage ? "true" : undefined} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {children}
    </div>
  );
}

/** An item's edit form behind a disclosure (works without JavaScript), open again when its answer has errors. */
export function EditDisclosure({ label, open, children }: { label: ReactNode; open: boolean; children: ReactNode }) {
  return (
    <details className="plan-item__edit" open={open || undefined}>
      <summary>{label}</summary>
      {children}
    </details>
  );
}

/** Removes one item; the button names the item through aria-describedby. */
export function RemoveItemForm({ id, describedBy, reply }: { id: string; describedBy: string; reply?: PlanReply }) {
  const { t } = useTranslation("projects");
  return (
    <Form method="post" className="inline-form">
      <FormErrors reply={reply} />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="link-button danger" aria-describedby={describedBy}>
        {t("planEditor.remove")}
      </button>
    </Form>
  );
}
