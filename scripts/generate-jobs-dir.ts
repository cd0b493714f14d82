/** Where `perf:generate-jobs` keeps its embedded PostgreSQL (and `perf:bench-jobs` finds it). */
export const PERF_JOBS_PG_DIR = ".data/perf-jobs-postgres";
