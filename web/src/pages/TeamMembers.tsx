import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { errorMessage, fieldProblems, patch, post, type TeamMember } from '../api';
import { useDebounced, useDocumentTitle } from '../hooks';
import { invalidate, teamMembers } from '../queries';
import { useSession } from '../session';
import { Dialog } from '../ui/Dialog';
import { Badge, EmptyState, ErrorNotice, Notice, SelectField, SkeletonList, Spinner, TextField, emailProblem } from '../ui/controls';

export function TeamMembersPage() {
  useDocumentTitle('Team');
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const [text, setText] = useState('');
  const [active, setActive] = useState('true');
  const q = useDebounced(text.trim(), 200);
  const list = useQuery(teamMembers.list({ q, active, limit: 200 }));
  const [editing, setEditing] = useState<TeamMember | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<TeamMember | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const members = list.data?.items ?? [];
  return (
    <section class="page" aria-labelledby="team-title">
      <div class="page__header">
        <div>
          <h1 id="team-title">Team</h1>
          <p class="muted">Poblysh people who can lead or join interviews.</p>
        </div>
        {isAdmin && (
          <button type="button" class="button button--primary" onClick={() => setEditing('new')}>
            Add team member
          </button>
        )}
      </div>
      {!isAdmin && <Notice>Only admins can add or change team members.</Notice>}
      {flash && <Notice kind="success">{flash}</Notice>}
      <div class="toolbar">
        <div class="search">
          <label for="team-search" class="visually-hidden">Search team members</label>
          <input id="team-search" type="search" placeholder="Search by name, email or role" value={text}
            onInput={(event) => setText((event.target as HTMLInputElement).value)} autoComplete="off" />
          <span class="search__status" aria-live="polite">{list.isFetching && <Spinner label="Searching" />}</span>
        </div>
        <div class="toolbar__filter">
          <SelectField id="team-status" label="Show" value={active} onValue={setActive}
            options={[{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }, { value: 'all', label: 'All' }]} />
        </div>
      </div>
      {list.error ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <SkeletonList />
      ) : members.length === 0 ? (
        <EmptyState>No team members match.</EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Team members" aria-busy={list.isFetching ? 'true' : 'false'}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Cal.com</th>
                <th scope="col">Status</th>
                {isAdmin && <th scope="col"><span class="visually-hidden">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <td data-label="Name">
                    <span class="person__name">{member.name}</span>
                    <span class="person__meta">{member.email}</span>
                  </td>
                  <td data-label="Role">{member.role || '—'}</td>
                  <td data-label="Cal.com">
                    {member.calcom_username ? <code>{member.calcom_username}</code> : <span class="muted">Not linked · availability unknown</span>}
                  </td>
                  <td data-label="Status"><Badge status={member.active ? 'active' : 'inactive'} /></td>
                  {isAdmin && (
                    <td class="table__actions">
                      <button type="button" class="button button--secondary button--small" aria-label={`Edit ${member.name}`} onClick={() => setEditing(member)}>
                        Edit
                      </button>
                      {member.active && (
                        <button type="button" class="button button--danger-ghost button--small" aria-label={`Deactivate ${member.name}`} onClick={() => setDeactivating(member)}>
                          Deactivate
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <MemberDialog
          member={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setFlash(created ? `${saved.name} was added to the team.` : `${saved.name} was updated.`);
            void invalidate(teamMembers.all);
          }}
        />
      )}
      {deactivating && (
        <DeactivateDialog
          member={deactivating}
          onClose={() => setDeactivating(null)}
          onDone={(saved) => {
            setDeactivating(null);
            setFlash(`${saved.name} was deactivated and will no longer be offered for interviews.`);
            void invalidate(teamMembers.all);
          }}
        />
      )}
    </section>
  );
}

function MemberDialog({ member, onClose, onSaved }: {
  member: TeamMember | null; onClose: () => void; onSaved: (member: TeamMember, created: boolean) => void;
}) {
  const [name, setName] = useState(member?.name ?? '');
  const [email, setEmail] = useState(member?.email ?? '');
  const [role, setRole] = useState(member?.role ?? '');
  const [username, setUsername] = useState(member?.calcom_username ?? '');
  const [userId, setUserId] = useState(member?.calcom_user_id?.toString() ?? '');
  const [active, setActive] = useState(member?.active ?? true);
  const [submitted, setSubmitted] = useState(false);
  const [emailTouched, setEmailTouched] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const local: Record<string, string | null> = {
    name: name.trim() ? null : 'Enter a name.',
    email: emailProblem(email),
    role: role.trim() ? null : 'Enter a role, such as Editor or Analyst.',
    calcom_user_id: userId.trim() && !/^\d+$/.test(userId.trim()) ? 'Enter the numeric Cal.com user ID, or leave it empty.' : null,
  };
  const show = (field: string) =>
    server[field] ?? (submitted || (field === 'email' && emailTouched && email) ? local[field] : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    setServer({});
    if (Object.values(local).some(Boolean)) {
      setError('Check the highlighted fields.');
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      name: name.trim(), email: email.trim(), role: role.trim(),
      calcom_username: username.trim() || null,
      calcom_user_id: userId.trim() ? Number(userId.trim()) : null,
      active,
    };
    try {
      const saved = member
        ? await patch<TeamMember>(`/api/v1/team-members/${member.id}`, body)
        : await post<TeamMember>('/api/v1/team-members', body);
      onSaved(saved, !member);
    } catch (caught) {
      setServer(fieldProblems(caught));
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const title = member ? `Edit ${member.name}` : 'Add team member';
  return (
    <Dialog titleId="member-dialog-title" onClose={onClose}>
      <form class="dialog__body" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="member-dialog-title">{title}</h2>
        {error && <ErrorNotice message={error} />}
        <TextField id="member-name" label="Name" value={name} onValue={setName} error={show('name')} autoComplete="off" />
        <TextField id="member-email" label="Email" type="email" value={email} onValue={setEmail} error={show('email')}
          onBlur={() => setEmailTouched(true)} autoComplete="off" />
        <TextField id="member-role" label="Role" value={role} onValue={setRole} error={show('role')} placeholder="Editor, Analyst, Partner…" />
        <div class="grid-2">
          <TextField id="member-calcom-username" label="Cal.com username" value={username} onValue={setUsername}
            error={show('calcom_username')} optional hint="Without it, availability is unknown." />
          <TextField id="member-calcom-id" label="Cal.com user ID" value={userId} onValue={setUserId}
            error={show('calcom_user_id')} optional inputMode="numeric" />
        </div>
        {member && (
          <label class="checkbox">
            <input type="checkbox" checked={active} onChange={(event) => setActive((event.target as HTMLInputElement).checked)} />
            Active (offered when scheduling interviews)
          </label>
        )}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : member ? 'Save changes' : 'Add team member'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeactivateDialog({ member, onClose, onDone }: { member: TeamMember; onClose: () => void; onDone: (m: TeamMember) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await post<TeamMember>(`/api/v1/team-members/${member.id}/deactivate`));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog titleId="deactivate-title" onClose={onClose} describedBy="deactivate-text">
      <div class="dialog__body">
        <h2 id="deactivate-title">Deactivate {member.name}?</h2>
        <p id="deactivate-text">
          They will no longer be offered when scheduling interviews. Interviews they are already part of stay as they are.
        </p>
        {error && <ErrorNotice message={error} />}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="button" class="button button--danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Deactivating…' : 'Deactivate'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
