import { useTranslation } from "react-i18next";
import { textDirection } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { SelectField } from "./form-extra";

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
