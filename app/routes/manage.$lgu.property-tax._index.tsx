import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, fieldErrors, type ReplyLike } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { readUpload } from "~/modules/files/upload.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { listImports, MAX_IMPORT_BYTES, startImport } from "~/modules/property-tax/imports.server";
import { assessmentFileColumns, importCurrencies, importSchema } from "~/modules/property-tax/schema";
import { formError, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "tax:manage.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const language = await getLanguage(request);
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  const imports = await listImports(session.claims, lgu.id, page);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      page: imports.page,
      pages: imports.pages,
      total: imports.total,
      imports: imports.rows.map((r) => ({
        id: r.id,
        fileName: r.fileName,
        status: r.status,
        rows: formatNumber(r.rowsRead, language),
        rejected: formatNumber(r.rejectedRows, language),
        createdAt: formatDateTime(r.createdAt, language),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const upload = await readUpload(request, { file: MAX_IMPORT_BYTES });
  if (!upload.ok) {
    return formError(replyWith(upload.problem === "tooLarge" ? { file: ["tax:validation.fileTooLarge"] } : { "": ["tax:validation.file"] }), upload.problem === "tooLarge" ? 413 : 400);
  }
  const parsed = importSchema.safeParse({ currency: upload.fields.get("currency") ?? "PHP" });
  const file = upload.files.get("file");
  const errors: Record<string, string[]> = {};
  if (!parsed.success) errors.currency = ["tax:validation.currency"];
  if (!file) errors.file = ["tax:validation.file"];
  if (!parsed.success || !file) return formError(replyWith(errors, { currency: String(upload.fields.get("currency") ?? "") }));
  try {
    const { id } = await startImport(session.claims, lgu.id, file, parsed.data.currency);
    return redirect(`/manage/${lgu.slug}/property-tax/imports/${id}`);
  } catch (error) {
    return refusedForm(null, error);
  }
}

export default function PropertyTaxManage() {
  const { lgu, imports, page, pages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("tax");
  const location = useLocation();
  const busy = useNavigation().state === "submitting";
  const fileErrors = fieldErrors(reply, "file");
  const currencyErrors = fieldErrors(reply, "currency");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          {t("manage.back", { lgu: lgu.name })}
        </Link>
      </p>
      <h1>{t("manage.title")}</h1>
      <ul className="inline-list" role="list">
        <li>
          <Link to={`/manage/${lgu.slug}/property-tax/payments`}>{t("payments.title")}</Link>
        </li>
        <li>
          <Link to={`/manage/${lgu.slug}/property-tax/counter`}>{t("counter.title")}</Link>
        </li>
        <li>
          <Link to={`/manage/${lgu.slug}/property-tax/forms`}>{t("forms.manageTitle")}</Link>
        </li>
        <li>
          <Link to={`/lgus/${lgu.slug}/property-tax`}>{t("manage.publicPage")}</Link>
        </li>
      </ul>

      <section aria-labelledby="upload-title" className="card stack">
        <h2 id="upload-title">{t("upload.title")}</h2>
        <p>{t("upload.intro")}</p>
        <p className="muted">
          {t("upload.columns")} <code dir="ltr">{assessmentFileColumns.join(",")}</code>
        </p>
        <Form method="post" encType="multipart/form-data" className="form stack" noValidate>
          <FormErrors reply={reply} />
          <div className={`field${fileErrors.length ? " field--error" : ""}`}>
            <label htmlFor="import-file">{t("upload.file")}</label>
            <p id="import-file-hint" className="field__hint">
              {t("upload.fileHint")}
            </p>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={fileErrors.length ? true : undefined}
              aria-describedby={`import-file-hint${fileErrors.length ? " import-file-error" : ""}`}
            />
            {fileErrors.length ? (
              <p id="import-file-error" className="field__error">
                {fileErrors.map((k) => t(k)).join(" ")}
              </p>
            ) : null}
          </div>
          <div className={`field${currencyErrors.length ? " field--error" : ""}`}>
            <label htmlFor="import-currency">{t("upload.currency")}</label>
            <select id="import-currency" name="currency" defaultValue="PHP" aria-invalid={currencyErrors.length ? true : undefined} aria-describedby={currencyErrors.length ? "import-currency-error" : undefined}>
              {importCurrencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {currencyErrors.length ? (
              <p id="import-currency-error" className="field__error">
                {currencyErrors.map((k) => t(k)).join(" ")}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("upload.sending") : t("upload.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="imports-title" className="stack">
        <h2 id="imports-title">{t("imports.title")}</h2>
        {imports.length === 0 ? (
          <p className="empty">{t("imports.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-labelledby="imports-title">
              <thead>
                <tr>
                  <th scope="col">{t("imports.file")}</th>
                  <th scope="col">{t("imports.status")}</th>
                  <th scope="col" className="number">
                    {t("imports.rows")}
                  </th>
                  <th scope="col" className="number">
                    {t("imports.rejected")}
                  </th>
                  <th scope="col">{t("imports.when")}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link to={`/manage/${lgu.slug}/property-tax/imports/${i.id}`}>
                        <bdi>{i.fileName}</bdi>
                      </Link>
                    </td>
                    <td>
                      <span className="badge">{t(`status.${i.status}`)}</span>
                    </td>
                    <td className="number">{i.rows}</td>
                    <td className="number">{i.rejected}</td>
                    <td>{i.createdAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pages={pages} search={location.search} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
