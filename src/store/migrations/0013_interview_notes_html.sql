-- Preparation notes as HTML, rendered once when they are saved (scheduling::render_markdown),
-- so a view of the interview reads them instead of rendering them again. Written only with the
-- notes (InterviewRepo::set_notes_html), read only by the detail (find_with_people); NULL for
-- notes saved before: those are rendered when shown.
ALTER TABLE interviews ADD COLUMN prep_notes_html TEXT;
