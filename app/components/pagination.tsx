import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep the other query parameters; plain links, no JavaScript needed. */
export function Pagination({ page, pages, search }: { page: number; pages: number; search: string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(search);
    if (target <= 1) params.delete("page");
    else params.set("page", String(target));
    const query = params.toString();
    return query ? `?${query}` : ".";
  };
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("pagination.status", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
