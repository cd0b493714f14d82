import { useTranslation } from "react-i18next";
import { languageName } from "~/i18n/format";

/**
 * A match's reasons, in words ("You listed civil engineering; this need asks for 2 people, on
 * site."), from the codes and values the matching engine returns.
 */
export type ReasonView = { code: string } & Record<string, string | number | null>;

export function MatchReasons({ reasons }: { reasons: ReasonView[] }) {
  const { t, i18n } = useTranslation(["matching", "projects", "account"]);
  if (!reasons.length) return null;
  const words = (r: ReasonView) => {
    const values: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(r)) if (value !== null && key !== "code") values[key] = value;
    if (typeof r.mode === "string") values.mode = t(`projects:workModes.${r.mode}`, { defaultValue: r.mode });
    if (typeof r.sector === "string") values.sector = t(`account:sectors.${r.sector}`, { defaultValue: r.sector });
    if (typeof r.willingness === "string") values.willingness = t(`account:willingness.${r.willingness}`, { defaultValue: r.willingness });
    if (typeof r.level === "string") values.level = t(`matching:levels.${r.level}`, { defaultValue: r.level });
    if (typeof r.language === "string") values.language = languageName(r.language, i18n.language);
    if (typeof r.years === "number") values.count = r.years;
    if (r.code === "skill_exact") values.count = Number(r.wanted ?? 1);
    const key = r.code === "skill_exact" && !r.mode ? "skill_exact_anywhere" : r.code;
    return t(`matching:reasons.${key}`, values);
  };
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>{words(r)}</li>
      ))}
    </ul>
  );
}
