-- "Jobs for you": the jobs of the person's occupation group where they want to work came from two
-- bitmaps ANDed, one of them every open job of the major group (8,600 for a group in the
-- benchmark): ~2.5 ms of the ranking. One GIN index on the group and the place path together
-- (btree_gin, a contrib module that ships with PostgreSQL and is available on Supabase) finds them
-- at once: ~0.6 ms. The 50 benchmark people's rankings: p50 13 -> 10 ms, p90 20 -> 17.5 ms.
create extension if not exists btree_gin;
--> statement-breakpoint
create index job_match_jobs_major_place_idx on app_private.job_match_jobs using gin (occupation_major, place_path);
