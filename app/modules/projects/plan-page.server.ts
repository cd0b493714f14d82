/**
 * What the staff pages of a project's plan (needs, milestones, co-funders, place) share: the
 * project as its LGU's staff see it, whether this person may change it, the language the text
 * fields are in (?text=), and the answer to a refused form, marked with the form it belongs to.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { JwtClaims } from "~/db/client.server";
import { isSupportedLanguage } from "~/i18n/config";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readUpload, type UploadedFile } from "~/modules/files/upload.server";
import { getManagedProject } from "./editing.server";

export const planSections = ["needs", "milestones", "cofunders", "place", "photos"] as const;
export type PlanSection = (typeof planSections)[number];

export async function loadPlanPage(request: Request, params: LoaderFunctionArgs["params"]) {
  const { session, lgu, roles, isAdmin } = await requireManagedLgu(request, params.lgu);
  const project = await getManagedProject(session.claims, lgu.id, params.project ?? "");
  if (!project) throw notFound("no such project for this LGU");
  const language = await getLanguage(request);
  const requested = new URL(request.url).searchParams.get("text");
  const textLanguage = isSupportedLanguage(requested) ? requested : language;
  const closed = project.status === "completed" || project.status === "cancelled";
  const mayEdit = isAdmin || roles.includes("editor");
  return {
    session,
    lgu,
    project,
    language,
    textLanguage,
    /** What every plan page's header shows. */
    header: {
      lgu: { slug: lgu.slug, name: lgu.name },
      project: { slug: project.slug, title: localized(project.title, language), status: project.status, public: project.publishedAt !== null },
      closed,
      mayEdit,
      canEdit: mayEdit && !closed,
      textLanguage,
    },
  };
}

/** Back to the section after a change, in the language the editor was writing in. */
export function planPath(lguSlug: string, projectSlug: string, section: PlanSection, textLanguage?: string) {
  return `/manage/${lguSlug}/projects/${projectSlug}/${section}${textLanguage ? `?text=${textLanguage}` : ""}`;
}

/** Where an action sends the editor back to: the section, in the text language the page was in. */
export function backTo(request: Request, lguSlug: string, projectSlug: string, section: PlanSection) {
  const text = new URL(request.url).searchParams.get("text");
  return planPath(lguSlug, projectSlug, section, isSupportedLanguage(text) ? text : undefined);
}

/** Which form on the page an answer is for: "<kind>-new" or "<kind>-<item id>". */
export function formKey(kind: string, id: FormDataEntryValue | null) {
  return typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? `${kind}-${id}` : `${kind}-new`;
}

type Submission = Parameters<typeof refusedForm>[0];

/** A service's refusal as the form's answer (FormProblems), anything else to the ErrorBoundary. */
export async function refusedPlanForm(submission: Submission, error: unknown, form: string) {
  const answer = refusedForm(submission, error);
  const body = (await answer.json()) as { reply: object };
  return json({ reply: { ...body.reply, form } }, { status: answer.status });
}

/** One kind of change a plan page accepts: its form, its schema, the service that applies it. */
export interface PlanChange<Schema extends z.ZodTypeAny> {
  /** The form's name in formKey ("need", "remove", …). */
  form: string;
  schema: Schema;
  apply: (claims: JwtClaims, lguId: string, projectSlug: string, value: z.output<Schema>, files: Map<string, UploadedFile>) => Promise<unknown>;
  /** The toast after it worked. */
  done: (value: z.output<Schema>) => string;
}

/** Declares a change with its schema's types checked, for the `changes` of planAction. */
export const planChange = <Schema extends z.ZodTypeAny>(change: PlanChange<Schema>) => change as unknown as PlanChange<z.ZodTypeAny>;

/**
 * The action of a plan page: editors and admins of the LGU only; the form's `intent` picks the
 * change (`save` when none is given); a bad form or a refusal answers the form it came from; a
 * change that worked goes back to the section with a toast. With `files` (field → byte limit), a
 * multipart form is read within those limits and its files go to the change.
 */
export async function planAction(
  { request, params }: ActionFunctionArgs,
  section: PlanSection,
  changes: { save: PlanChange<z.ZodTypeAny> } & Record<string, PlanChange<z.ZodTypeAny>>,
  options: { files?: Record<string, number> } = {},
) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  const slug = params.project ?? "";
  let formData: FormData;
  let files = new Map<string, UploadedFile>();
  if (options.files && /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const upload = await readUpload(request, options.files);
    if (!upload.ok) {
      const error = upload.problem === "tooLarge" ? { [upload.field]: ["projects:photos.errors.tooLarge"] } : { "": ["projects:photos.errors.unreadable"] };
      return formError({ status: "error", error, form: formKey(changes.save.form, null) });
    }
    formData = upload.fields;
    files = upload.files;
  } else {
    formData = await request.formData();
  }
  const intent = formData.get("intent");
  const change = (typeof intent === "string" && Object.hasOwn(changes, intent) ? changes[intent] : undefined) ?? changes.save;
  const form = formKey(change.form, formData.get("id"));
  const submission = await parseForm(formData, change.schema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form });
  try {
    await change.apply(session.claims, lgu.id, slug, submission.value, files);
  } catch (error) {
    return refusedPlanForm(submission, error, form);
  }
  return redirectWithToast(backTo(request, lgu.slug, slug, section), { type: "success", messageKey: change.done(submission.value) });
}
