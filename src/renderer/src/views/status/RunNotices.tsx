// What recent syncs want the user to know without anything failing: a series that repeats too often
// and was capped, a title cut to what the platform accepts (the run reports' `notice` items).
export function RunNotices({ notices }: { notices: { title: string; reason: string }[] | undefined }) {
  if (!notices?.length) return null;
  return (
    <section className="run-notices" aria-label="Worth knowing">
      <h2>Worth knowing</h2>
      <ul>
        {notices.map((notice, index) => (
          <li key={index}>
            <strong>{notice.title || '(no title)'}</strong> — {notice.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
