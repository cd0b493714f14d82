/**
 * Form pieces beside app/components/form.tsx's Field: a select (with option groups), a textarea and
 * a file input, wired the same way (label, hint, errors through aria-describedby), plus the place
 * select that LGU and organisation forms share, and the verification form both of them use.
 */
import { Form } from "@remix-run/react";
import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { textDirection } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { fieldErrors, FormErrors, previousValue, type ReplyLike } from "./form";

interface Described {
  name: string;
  label: string;
  reply?: ReplyLike;
  hint?: ReactNode;
  id?: string;
}

function useDescribed({ name, reply, hint, id }: Described) {
  const inputId = id ?? `field-${name}`;
  const errors = fieldErrors(reply, name);
  const describedBy = [hint ? `${inputId}-hint` : null, errors.length ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return { inputId, errors, describedBy: describedBy || undefined };
}

function FieldFrame({
  label,
  hint,
  inputId,
  errors,
  children,
}: {
  label: string;
  hint?: ReactNode;
  inputId: string;
  errors: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${errors.length ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={`${inputId}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {errors.length ? (
        <p id={`${inputId}-error`} className="field__error">
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}
export interface OptionGroup {
  label: string;
  options: Option[];
}

interface SelectFieldProps extends Described, Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> {
  options?: Option[];
  groups?: OptionGroup[];
  /** The label of an empty first option (no choice yet / none). */
  placeholder?: string;
}

export function SelectField({
  name,
  label,
  reply,
  hint,
  id,
  options = [],
  groups = [],
  placeholder,
  defaultValue,
  ...rest
}: SelectFieldProps) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  return (
    <FieldFrame label={label} hint={hint} inputId={inputId} errors={errors}>
      <select
        id={inputId}
        name={name}
        defaultValue={previousValue(reply, name) ?? defaultValue ?? ""}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  );
}

interface TextareaFieldProps extends Described, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id"> {}

export function TextareaField({ name, label, reply, hint, id, defaultValue, rows = 4, ...rest }: TextareaFieldProps) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  return (
    <FieldFrame label={label} hint={hint} inputId={inputId} errors={errors}>
      <textarea
        id={inputId}
        name={name}
        rows={rows}
        dir="auto"
        defaultValue={previousValue(reply, name) ?? defaultValue}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </FieldFrame>
  );
}

/** A file input: browsers never refill one, so there is no previous value to show. */
export function FileField({ name, label, reply, hint, id, accept, required }: Described & { accept?: string; required?: boolean }) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  return (
    <FieldFrame label={label} hint={hint} inputId={inputId} errors={errors}>
      <input
        id={inputId}
        name={name}
        type="file"
        accept={accept}
        required={required}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

export interface PlaceGroupView {
  countryName: string;
  places: { id: string; name: string; parentName: string | null }[];
}

/** Places grouped by country: "Naga City (Camarines Sur)" under "Philippines". */
export function PlaceSelect(props: Omit<SelectFieldProps, "groups" | "options"> & { placeGroups: PlaceGroupView[] }) {
  const { placeGroups, ...rest } = props;
  const groups = placeGroups.map((group) => ({
    label: group.countryName,
    options: group.places.map((place) => ({
      value: place.id,
      label: place.parentName ? `${place.name} (${place.parentName})` : place.name,
    })),
  }));
  return <SelectField {...rest} groups={groups} />;
}

export interface VerificationHistoryItem {
  id: string;
  status: "pending" | "approved" | "rejected";
  note: string | null;
  evidenceFilename: string;
  decisionReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/**
 * The applicant's side of verification, the same for LGUs and organisations: where things stand,
 * earlier requests with the reasons given, and the form that sends one evidence document.
 */
export function VerificationForm({
  status,
  history,
  reply,
  busy,
}: {
  status: string;
  history: VerificationHistoryItem[];
  reply?: ReplyLike;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation("organisations");
  const canApply = status === "unverified" || status === "rejected";
  return (
    <>
      <p className="notice" role="note">
        {t(`verification.statusNotice.${status}`, { defaultValue: t(`status.${status}`) })}
      </p>
      {canApply ? (
        <section aria-labelledby="apply-title">
          <h2 id="apply-title">{t("verification.applyTitle")}</h2>
          <p>{t("verification.applyIntro")}</p>
          <Form method="post" encType="multipart/form-data" className="form" noValidate>
            <FormErrors reply={reply} />
            <FileField
              name="evidence"
              label={t("fields.evidence")}
              hint={t("fields.evidenceHint")}
              reply={reply}
              accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
              required
            />
            <TextareaField name="note" label={t("fields.note")} hint={t("fields.noteHint")} reply={reply} maxLength={1000} />
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? t("verification.busy") : t("verification.submit")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("verification.historyTitle")}</h2>
        {history.length === 0 ? (
          <p className="empty">{t("verification.noHistory")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-labelledby="history-title">
              <thead>
                <tr>
                  <th scope="col">{t("verification.submittedOn")}</th>
                  <th scope="col">{t("verification.document")}</th>
                  <th scope="col">{t("verification.outcome")}</th>
                  <th scope="col">{t("verification.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{formatDate(item.createdAt, i18n.language)}</th>
                    <td>
                      <bdi>{item.evidenceFilename}</bdi>
                    </td>
                    <td>
                      {t(`requestStatus.${item.status}`)}
                      {item.decidedAt ? ` (${formatDate(item.decidedAt, i18n.language)})` : null}
                    </td>
                    <td dir="auto">{item.decisionReason ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export interface AuditEntryView {
  id: number;
  occurredAt: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  subjectName: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** Enum values the audit shows in words (roles, statuses); anything else as it was stored. */
function useAuditValue() {
  const { t, i18n } = useTranslation("organisations");
  return (field: string, value: string | null) => {
    if (value === null) return "—";
    if (/role$/.test(field)) return t(`roles.${value}`, { defaultValue: value });
    if (field === "verification_status") return t(`status.${value}`, { defaultValue: value });
    if (field === "status") return t(`requestStatus.${value}`, { defaultValue: t(`invitationStatus.${value}`, { defaultValue: value }) });
    if (/_at$/.test(field) && !Number.isNaN(Date.parse(value)))
      return formatDate(value, i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    return value;
  };
}

/**
 * The audit log as staff and platform admins read it: a filter form (GET, works without
 * JavaScript), then who did what and when, newest first, with what changed.
 */
export function AuditLogView({
  entries,
  total,
  actions,
  filters,
}: {
  entries: AuditEntryView[];
  total: number;
  actions: readonly string[];
  filters: { action?: string; from?: string; to?: string };
}) {
  const { t, i18n } = useTranslation("admin");
  const value = useAuditValue();
  const arrow = textDirection(i18n.language) === "rtl" ? "←" : "→";
  const when = (iso: string) => formatDate(iso, i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <form method="get" className="form" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t("audit.filters")}</h2>
        <SelectField
          name="action"
          label={t("audit.action")}
          defaultValue={filters.action ?? ""}
          placeholder={t("audit.allActions")}
          options={actions.map((action) => ({ value: action, label: t(`audit.actions.${action}`, { defaultValue: action }) }))}
        />
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("audit.apply")}
        </button>
      </form>
      <h2 id="audit-entries-title">{t("audit.entries", { count: total })}</h2>
      {entries.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" aria-labelledby="audit-entries-title">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">
                    <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>
                  </th>
                  <td>
                    {entry.actorId === null ? (
                      t("audit.system")
                    ) : entry.actorName ? (
                      <bdi>{entry.actorName}</bdi>
                    ) : (
                      <span className="muted">{t("audit.unknownPerson", { id: entry.actorId.slice(0, 8) })}</span>
                    )}
                  </td>
                  <td>
                    {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
                    {entry.subjectName ? (
                      <>
                        {" — "}
                        <bdi>{entry.subjectName}</bdi>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {entry.changes.length === 0 ? (
                      "—"
                    ) : (
                      <ul role="list">
                        {entry.changes.map((change) => (
                          <li key={change.field}>
                            {t(`audit.fields.${change.field}`, { defaultValue: change.field })}:{" "}
                            <bdi>{value(change.field, change.before)}</bdi> {arrow} <bdi>{value(change.field, change.after)}</bdi>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">{t("audit.utc")}</p>
    </>
  );
}
