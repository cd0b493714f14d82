/** Where `perf:generate-jobs` keeps its embedded PostgreSQL (and `perf:bench-jobs` finds it). */
export const PERF_JOBS_PG_DIR = ".data/perf-jobs-postgres";

/** Where `perf:generate-matching` keeps its embedded PostgreSQL (projects, jobs and people together). */
export const PERF_MATCHING_PG_DIR = ".data/perf-matching-postgres";
