// An email address that wraps where a reader expects (after the @, before a dot) instead of
// overflowing its column or breaking mid-word at phone width.
import { Fragment } from 'preact';

/** The address split after "@" and before each "." or "-" or "_", with a break opportunity there. */
export function emailParts(email: string): string[] {
  return email.split(/(?<=@)|(?=[._-])/).filter(Boolean);
}

export function EmailText({ email }: { email: string }) {
  return (
    <span class="email">
      {emailParts(email).map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

export function EmailLink({ email }: { email: string }) {
  return (
    <a href={`mailto:${email}`}>
      <EmailText email={email} />
    </a>
  );
}
