-- One index over a team member's interview_team rows instead of two. The list filtered by a
-- member walks it in list order and tests the status on the entry (it is the last column), where
-- interview_team_by_member_status walked the member's rows of one status. Each change of an
-- interview's status or meeting time moved its team rows' entries in both indexes, on pages of
-- their own: a fifth of the WAL frames a webhook commit wrote (docs/performance.md). A page of a
-- member's list with a status now reads the entries of the other statuses it passes on the way
-- (~12 % more page reads with five statuses in equal shares); without a status, or with a
-- date range, the walk is the one it was.
CREATE INDEX interview_team_by_member_order ON interview_team (team_member_id, sort_at, interview_id, start_at, status);
DROP INDEX interview_team_by_member_sort;
DROP INDEX interview_team_by_member_status;
