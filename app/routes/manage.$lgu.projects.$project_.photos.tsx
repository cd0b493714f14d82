import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { LANGUAGE_NAMES } from "~/components/project-form";
import { EditDisclosure, PlanPage, RemoveItemForm, replyFor, type PlanReply } from "~/components/project-plan";
import { localized } from "~/i18n/localized";
import { loadPlanPage, planAction, planChange } from "~/modules/projects/plan-page.server";
import { photoAltSchema, photoSchema, planItemSchema } from "~/modules/projects/plan-schema";
import {
  addProjectPhoto,
  describePhoto,
  listProjectPhotos,
  makeCover,
  MAX_PHOTO_BYTES,
  MAX_PROJECT_PHOTOS,
  photoUrl,
  removePhoto,
} from "~/modules/projects/photos.server";
import { FormProblem } from "~/modules/organisations/errors.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:planEditor.sections.photos");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, project, language, textLanguage, header } = await loadPlanPage(request, params);
  const photos = await listProjectPhotos(session.claims, project.id);
  return json(
    {
      header,
      maxPhotos: MAX_PROJECT_PHOTOS,
      maxMegabytes: MAX_PHOTO_BYTES / (1024 * 1024),
      photos: photos.map((p, index) => ({
        id: p.id,
        cover: index === 0,
        src: photoUrl(project.slug, p.id, 480),
        width: p.width,
        height: p.height,
        alt: localized(p.alt, language),
        altInTextLanguage: p.alt[textLanguage] ?? "",
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const action = (args: ActionFunctionArgs) =>
  planAction(
    args,
    "photos",
    {
      cover: planChange({ form: "cover", schema: planItemSchema, apply: (c, l, p, v) => makeCover(c, l, p, v.id), done: () => "projects:photos.coverChanged" }),
      remove: planChange({ form: "remove", schema: planItemSchema, apply: (c, l, p, v) => removePhoto(c, l, p, v.id), done: () => "projects:photos.removed" }),
      describe: planChange({ form: "photo", schema: photoAltSchema, apply: (c, l, p, v) => describePhoto(c, l, p, { photoId: v.id, ...v }), done: () => "projects:photos.described" }),
      save: planChange({
        form: "photo",
        schema: photoSchema,
        apply: (c, l, p, v, files) => {
          const file = files.get("photo");
          if (!file) throw new FormProblem("photo", "projects:photos.validation.fileRequired");
          return addProjectPhoto(c, l, p, { bytes: file.bytes, alt: v.alt, language: v.language });
        },
        done: () => "projects:photos.added",
      }),
    },
    { files: { photo: MAX_PHOTO_BYTES } },
  );

export default function ProjectPhotos() {
  const { header, photos, maxPhotos, maxMegabytes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as PlanReply | undefined;
  const { t } = useTranslation("projects");
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const language = LANGUAGE_NAMES[header.textLanguage] ?? header.textLanguage;
  return (
    <PlanPage header={header} section="photos" intro={t("photos.intro")} localizedText>
      <section aria-labelledby="photos-list-title" className="stack">
        <h2 id="photos-list-title">{t("photos.listTitle", { count: photos.length, max: maxPhotos })}</h2>
        {photos.length === 0 ? (
          <p className="empty">{t("photos.none")}</p>
        ) : (
          <ul className="photo-list" role="list">
            {photos.map((p) => (
              <li key={p.id} className="photo-list__item">
                <figure>
                  <img src={p.src} width={p.width} height={p.height} alt={p.alt?.text ?? ""} lang={p.alt?.lang} loading="lazy" decoding="async" />
                  <figcaption id={`photo-${p.id}`} lang={p.alt?.lang} dir="auto">
                    {p.cover ? <span className="badge">{t("photos.cover")}</span> : null} {p.alt?.text}
                  </figcaption>
                </figure>
                {header.canEdit ? (
                  <>
                    <div className="plan-item__actions">
                      {p.cover ? null : (
                        <Form method="post" className="inline-form">
                          <FormErrors reply={replyFor(reply, `cover-${p.id}`)} />
                          <input type="hidden" name="intent" value="cover" />
                          <input type="hidden" name="id" value={p.id} />
                          <button type="submit" className="link-button" aria-describedby={`photo-${p.id}`}>
                            {t("photos.makeCover")}
                          </button>
                        </Form>
                      )}
                      <RemoveItemForm id={p.id} describedBy={`photo-${p.id}`} reply={replyFor(reply, `remove-${p.id}`)} />
                    </div>
                    <EditDisclosure
                      open={reply?.form === `photo-${p.id}`}
                      label={
                        <>
                          {t("photos.describe", { language })} <span className="visually-hidden">{p.alt?.text}</span>
                        </>
                      }
                    >
                      <Form method="post" className="form" noValidate>
                        <FormErrors reply={replyFor(reply, `photo-${p.id}`)} />
                        <input type="hidden" name="intent" value="describe" />
                        <input type="hidden" name="id" value={p.id} />
                        <input type="hidden" name="language" value={header.textLanguage} />
                        <Field
                          id={`photo-${p.id}-alt`}
                          name="alt"
                          label={t("photos.alt", { language })}
                          hint={t("photos.altHint")}
                          reply={replyFor(reply, `photo-${p.id}`)}
                          defaultValue={p.altInTextLanguage}
                          maxLength={250}
                          lang={header.textLanguage}
                          dir="auto"
                        />
                        <button type="submit" className="button">
                          {t("planEditor.save")}
                        </button>
                      </Form>
                    </EditDisclosure>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {header.canEdit && photos.length < maxPhotos ? (
        <section aria-labelledby="add-photo-title" className="stack">
          <h2 id="add-photo-title">{t("photos.addTitle")}</h2>
          <Form method="post" encType="multipart/form-data" className="form" noValidate key={photos.map((p) => p.id).join()}>
            <FormErrors reply={replyFor(reply, "photo-new")} />
            <input type="hidden" name="language" value={header.textLanguage} />
            <Field
              id="photo-new-file"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              label={t("photos.file")}
              hint={t("photos.fileHint", { size: maxMegabytes })}
              reply={replyFor(reply, "photo-new")}
            />
            <Field
              id="photo-new-alt"
              name="alt"
              label={t("photos.alt", { language })}
              hint={t("photos.altHint")}
              reply={replyFor(reply, "photo-new")}
              maxLength={250}
              lang={header.textLanguage}
              dir="auto"
            />
            <SubmitButton busy={uploading} busyLabel={t("photos.uploading")}>
              {t("photos.add")}
            </SubmitButton>
          </Form>
        </section>
      ) : header.canEdit ? (
        <p className="notice">{t("photos.full", { max: maxPhotos })}</p>
      ) : null}
    </PlanPage>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
