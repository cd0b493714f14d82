import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface JobCardView {
  id: string;
  title: { text: string; lang: string } | null;
  posterName: string | null;
  place: string | null;
  remote: boolean;
  employmentType: string;
  salary: string | null;
  closes: string;
}

/** A job in a list: title, who posts it, where, the type, the salary and the closing date. */
export function JobCard({ job, children }: { job: JobCardView; children?: React.ReactNode }) {
  const { t } = useTranslation("jobs");
  return (
    <article className="card" aria-labelledby={`job-${job.id}`}>
      <h2 id={`job-${job.id}`} className="card__title">
        <Link to={`/jobs/${job.id}`} lang={job.title?.lang} dir="auto">
          {job.title?.text}
        </Link>
      </h2>
      <p className="card__meta">
        <span className="badge">{t(`types.${job.employmentType}`)}</span>
        {job.posterName ? <bdi>{job.posterName}</bdi> : null}
        <span>{[job.place, job.remote ? t("card.remote") : null].filter(Boolean).join(" · ")}</span>
      </p>
      {job.salary ? <p>{t("card.salary", { salary: job.salary })}</p> : null}
      <p className="muted">{t("card.closes", { date: job.closes })}</p>
      {children}
    </article>
  );
}
