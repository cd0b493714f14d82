import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "~/i18n/format";

export interface LguCardData {
  slug: string;
  name: string;
  /** Already resolved to the reader's language (or its fallback) by the loader. */
  description: { text: string; lang: string } | null;
  placeName: string;
  placeKind: string;
  countryCode: string;
  verificationStatus: string;
}

export function LguCard({ lgu, headingLevel = 3 }: { lgu: LguCardData; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { t, i18n } = useTranslation();
  const { description } = lgu;
  return (
    <article className="card" aria-labelledby={`lgu-${lgu.slug}`}>
      <div className="card__monogram" aria-hidden="true">
        {lgu.placeName.slice(0, 1)}
      </div>
      <Heading id={`lgu-${lgu.slug}`} className="card__title">
        <Link to={`/lgus/${lgu.slug}`}>
          <bdi>{lgu.name}</bdi>
        </Link>
      </Heading>
      <p className="card__meta">
        {t(`lgus.kinds.${lgu.placeKind}`)} · {countryName(lgu.countryCode, i18n.language)}
        {lgu.verificationStatus === "verified" ? <span className="badge">{t("lgus.verified")}</span> : null}
      </p>
      {description ? (
        <p className="card__body" lang={description.lang} dir="auto">
          {description.text}
        </p>
      ) : null}
    </article>
  );
}
