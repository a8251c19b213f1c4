// A control's hint and problem, under it, with the ids its aria-describedby names (`${id}-hint`,
// `${id}-problem`): the same pair the connect forms and every setting row show.
export function FieldNotes({ id, hint, problem }: { id: string; hint?: string; problem?: string }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p className="problem" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </>
  );
}
