// A startup's page shows the person's own latest draft there and how many more, never the pile:
// the drafts themselves are on the drafts page, and drafts are left out of the interviews list.
import { useQuery } from '@tanstack/preact-query';
import { drafts } from '../queries';
import { formatDateTime } from '../time';

export function StartupDrafts({ startupId, onContinue }: { startupId: number; onContinue: (draftId: number) => void }) {
  const mine = useQuery(drafts.mine({ startup_id: startupId, limit: 1 }));
  const latest = mine.data?.items[0];
  if (!latest || !mine.data) return null;
  const others = mine.data.total - 1;
  return (
    <div class="startup-draft" role="group" aria-labelledby="startup-draft-title">
      <p class="row__meta" id="startup-draft-title">Your draft</p>
      <div class="row">
        <div>
          <p>{latest.title}</p>
          <p class="row__meta">Last edited {formatDateTime(latest.updated_at)}</p>
        </div>
        <button type="button" class="button button--secondary button--small" onClick={() => onContinue(latest.id)}>
          Continue draft
        </button>
      </div>
      <p class="row__meta">
        {others > 0 ? `${others} more ${others === 1 ? 'draft' : 'drafts'} here. ` : ''}
        <a href={`/drafts?startup_id=${startupId}`}>{others > 0 ? 'See all your drafts' : 'Your drafts'}</a>
      </p>
    </div>
  );
}
