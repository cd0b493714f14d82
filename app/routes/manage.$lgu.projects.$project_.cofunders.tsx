import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors } from "~/components/form";
import { SelectField } from "~/components/form-extra";
import { EditDisclosure, PlanPage, RemoveItemForm, replyFor, type PlanReply } from "~/components/project-plan";
import { formatMoney } from "~/i18n/format";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { loadPlanPage, planAction, planChange } from "~/modules/projects/plan-page.server";
import { cofunderKinds, cofunderSchema, planItemSchema } from "~/modules/projects/plan-schema";
import { listCofunders, removeCofunder, saveCofunder } from "~/modules/projects/plan.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:planEditor.sections.cofunders");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, project, header, language } = await loadPlanPage(request, params);
  const cofunders = await listCofunders(session.claims, project.id);
  const money = (minor: number) => formatMoney(minor, project.currency, language);
  return json(
    {
      header,
      currency: project.currency,
      cofunders: cofunders.map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        ratio: `${c.ratioMatched}:${c.ratioGiven}`,
        cap: money(c.capMinor),
        committed: money(c.committedMinor),
        values: { name: c.name, kind: c.kind, ratio: `${c.ratioMatched}:${c.ratioGiven}`, cap: toMajorUnits(c.capMinor, project.currency) },
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const action = (args: ActionFunctionArgs) =>
  planAction(args, "cofunders", {
    remove: planChange({ form: "remove", schema: planItemSchema, apply: (c, l, p, v) => removeCofunder(c, l, p, v.id), done: () => "projects:cofundersEditor.removed" }),
    save: planChange({
      form: "cofunder",
      schema: cofunderSchema,
      apply: saveCofunder,
      done: (v) => (v.id ? "projects:cofundersEditor.saved" : "projects:cofundersEditor.added"),
    }),
  });

interface CofunderValues {
  name: string;
  kind: string;
  ratio: string;
  cap: string;
}

function CofunderForm({
  formId,
  id,
  values,
  reply,
  currency,
  submitLabel,
}: {
  formId: string;
  id?: string;
  values: CofunderValues;
  reply?: PlanReply;
  currency: string;
  submitLabel: string;
}) {
  const { t } = useTranslation("projects");
  return (
    <Form method="post" className="form" noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <FormErrors reply={reply} />
      <Field id={`${formId}-name`} name="name" label={t("cofundersEditor.name")} reply={reply} defaultValue={values.name} maxLength={200} dir="auto" />
      <SelectField
        id={`${formId}-kind`}
        name="kind"
        label={t("cofundersEditor.kind")}
        reply={reply}
        defaultValue={values.kind}
        options={cofunderKinds.map((k) => ({ value: k, label: t(`cofundersEditor.kinds.${k}`) }))}
      />
      <fieldset className="fieldset">
        <legend>{t("cofundersEditor.matchingLegend")}</legend>
        <Field
          id={`${formId}-ratio`}
          name="ratio"
          label={t("cofundersEditor.ratio")}
          hint={t("cofundersEditor.ratioHint")}
          reply={reply}
          defaultValue={values.ratio}
          maxLength={7}
          autoComplete="off"
          dir="ltr"
        />
        <Field
          id={`${formId}-cap`}
          name="cap"
          label={t("cofundersEditor.cap", { currency })}
          hint={t("cofundersEditor.capHint")}
          reply={reply}
          defaultValue={values.cap}
          inputMode="decimal"
          autoComplete="off"
        />
      </fieldset>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

export default function ProjectCofunders() {
  const { header, currency, cofunders } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as PlanReply | undefined;
  const { t } = useTranslation("projects");
  return (
    <PlanPage header={header} section="cofunders" intro={t("cofundersEditor.intro")}>
      <section aria-labelledby="cofunders-list-title" className="stack">
        <h2 id="cofunders-list-title">{t("cofundersEditor.listTitle")}</h2>
        {cofunders.length === 0 ? (
          <p className="empty">{t("cofundersEditor.none")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {cofunders.map((c) => (
              <li key={c.id}>
                <h3 id={`cofunder-${c.id}`}>
                  <bdi>{c.name}</bdi>
                </h3>
                <p className="plan-item__facts">
                  <span>{t(`cofundersEditor.kinds.${c.kind}`)}</span>
                  <span>
                    {t("page.ratio")} <bdi dir="ltr">{c.ratio}</bdi>
                  </span>
                  <span>
                    {t("page.cap")} {c.cap}
                  </span>
                  <span>
                    {t("page.committed")} {c.committed}
                  </span>
                </p>
                {header.canEdit ? (
                  <>
                    <div className="plan-item__actions">
                      <RemoveItemForm id={c.id} describedBy={`cofunder-${c.id}`} reply={replyFor(reply, `remove-${c.id}`)} />
                    </div>
                    <EditDisclosure
                      open={reply?.form === `cofunder-${c.id}`}
                      label={
                        <>
                          {t("planEditor.edit")} <span className="visually-hidden">{c.name}</span>
                        </>
                      }
                    >
                      <CofunderForm
                        formId={`cofunder-${c.id}`}
                        id={c.id}
                        values={c.values}
                        reply={replyFor(reply, `cofunder-${c.id}`)}
                        currency={currency}
                        submitLabel={t("planEditor.save")}
                      />
                    </EditDisclosure>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {header.canEdit ? (
        <section aria-labelledby="add-cofunder-title" className="stack">
          <h2 id="add-cofunder-title">{t("cofundersEditor.addTitle")}</h2>
          <CofunderForm
            key={cofunders.map((c) => c.id).join()}
            formId="cofunder-new"
            values={{ name: "", kind: "national_agency", ratio: "1:1", cap: "" }}
            reply={replyFor(reply, "cofunder-new")}
            currency={currency}
            submitLabel={t("cofundersEditor.add")}
          />
        </section>
      ) : null}
    </PlanPage>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
