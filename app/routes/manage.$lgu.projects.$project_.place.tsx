import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors } from "~/components/form";
import { SelectField } from "~/components/form-extra";
import { PlanPage, type PlanReply } from "~/components/project-plan";
import { loadPlanPage, planAction, planChange } from "~/modules/projects/plan-page.server";
import { projectPlaceSchema } from "~/modules/projects/plan-schema";
import { lguPlaces, setProjectPlace } from "~/modules/projects/plan.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:planEditor.sections.place");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, project, header } = await loadPlanPage(request, params);
  const places = await lguPlaces(session.claims, lgu.id);
  const current = places.find((p) => p.id === project.placeId);
  return json(
    {
      header,
      places: places.map((p) => ({ value: p.id, label: p.parentName ? `${p.name} (${p.parentName})` : p.name })),
      current: {
        place: current?.name ?? null,
        coordinates: project.latitude !== null && project.longitude !== null ? `${Number(project.latitude)}, ${Number(project.longitude)}` : null,
      },
      values: {
        placeId: project.placeId ?? "",
        latitude: project.latitude === null ? "" : String(Number(project.latitude)),
        longitude: project.longitude === null ? "" : String(Number(project.longitude)),
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const action = (args: ActionFunctionArgs) =>
  planAction(args, "place", {
    save: planChange({ form: "place", schema: projectPlaceSchema, apply: setProjectPlace, done: () => "projects:placeEditor.saved" }),
  });

export default function ProjectPlace() {
  const { header, places, current, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as PlanReply | undefined;
  const { t } = useTranslation("projects");
  return (
    <PlanPage header={header} section="place" intro={t("placeEditor.intro")}>
      <section aria-labelledby="place-current-title" className="stack">
        <h2 id="place-current-title">{t("placeEditor.currentTitle")}</h2>
        <dl className="facts">
          <dt>{t("placeEditor.place")}</dt>
          <dd>{current.place ? <bdi>{current.place}</bdi> : t("placeEditor.noPlace")}</dd>
          <dt>{t("placeEditor.coordinates")}</dt>
          <dd dir="ltr">{current.coordinates ?? t("placeEditor.noCoordinates")}</dd>
        </dl>
      </section>
      {header.canEdit ? (
        <section aria-labelledby="place-form-title" className="stack">
          <h2 id="place-form-title">{t("placeEditor.formTitle")}</h2>
          <Form method="post" className="form" noValidate>
            <FormErrors reply={reply} />
            <SelectField
              id="place-place"
              name="placeId"
              label={t("placeEditor.place")}
              hint={t("placeEditor.placeHint")}
              reply={reply}
              defaultValue={values.placeId}
              placeholder={t("placeEditor.noPlace")}
              options={places}
            />
            <fieldset className="fieldset" aria-describedby="place-coordinates-hint">
              <legend>{t("placeEditor.coordinatesLegend")}</legend>
              <p id="place-coordinates-hint" className="field__hint">
                {t("placeEditor.coordinatesHint")}
              </p>
              <Field id="place-latitude" name="latitude" label={t("placeEditor.latitude")} reply={reply} defaultValue={values.latitude} maxLength={16} autoComplete="off" dir="ltr" />
              <Field id="place-longitude" name="longitude" label={t("placeEditor.longitude")} reply={reply} defaultValue={values.longitude} maxLength={16} autoComplete="off" dir="ltr" />
            </fieldset>
            <button type="submit" className="button">
              {t("planEditor.save")}
            </button>
          </Form>
        </section>
      ) : null}
    </PlanPage>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
