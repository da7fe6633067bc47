-- The list filtered by team member: walk that member's rows in list order and stop after a page,
-- instead of testing every interview of a status for the member (~1,000 probes per page with
-- 100,000 interviews). So interview_team carries its interview's status and sort_at, written by
-- InterviewRepo::save together with the team (the only writer of both tables).
ALTER TABLE interview_team ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE interview_team ADD COLUMN sort_at BIGINT NOT NULL DEFAULT 0;
UPDATE interview_team
SET status = (SELECT i.status FROM interviews i WHERE i.id = interview_team.interview_id),
    sort_at = (SELECT i.sort_at FROM interviews i WHERE i.id = interview_team.interview_id);
-- Member (+ status) equal, then list order: both filters of the browser app's list. The first
-- also answers "is this member on any interview", which interview_team_by_member did.
CREATE INDEX interview_team_by_member_sort ON interview_team (team_member_id, sort_at, interview_id);
CREATE INDEX interview_team_by_member_status ON interview_team (team_member_id, status, sort_at, interview_id);
DROP INDEX interview_team_by_member;
