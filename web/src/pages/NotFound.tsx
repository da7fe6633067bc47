import { useDocumentTitle } from '../hooks';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <section class="page">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <a href="/interviews">Go to interviews</a>
      </p>
    </section>
  );
}
