-- The list's index walks test their filters on the index entry instead of the interview's row.
-- A date range also tests start_at (drafts have none, so a draft's entry was a row lookup that
-- never matched: ~400 per page of "draft + date range" with 100,000 interviews), and a search
-- also tests the title and the startup (a row lookup per interview walked: ~860 per page).
-- SQLite reads the row only for an entry that passes; the index entries hold ~60 bytes more.
DROP INDEX interviews_by_sort;
CREATE INDEX interviews_by_sort ON interviews (sort_at, id, startup_id, start_at, title);
DROP INDEX interviews_by_status;
CREATE INDEX interviews_by_status ON interviews (status, sort_at, id, start_at);
-- A page's teams (and a detail's) read from the index alone, in the order they are shown: the
-- primary key's index holds no is_primary, so each team row was a lookup in the table too.
CREATE INDEX interview_team_by_interview ON interview_team (interview_id, is_primary DESC, team_member_id);
-- A member's list walks that member's interview_team rows (migration 0006); with a date range it
-- tested start_at on the interview's row, so each of the member's drafts in the range was a lookup
-- that never matched (~200 reads per page). The team rows repeat start_at too, in their indexes.
ALTER TABLE interview_team ADD COLUMN start_at BIGINT;
UPDATE interview_team SET start_at = (SELECT i.start_at FROM interviews i WHERE i.id = interview_team.interview_id);
DROP INDEX interview_team_by_member_sort;
CREATE INDEX interview_team_by_member_sort ON interview_team (team_member_id, sort_at, interview_id, start_at);
DROP INDEX interview_team_by_member_status;
CREATE INDEX interview_team_by_member_status ON interview_team (team_member_id, status, sort_at, interview_id, start_at);
