/** A table clause (附件 tables): the first row is the header. */
export function ClauseTable({ rows }: { rows: string[][] }) {
  const [head, ...body] = rows;
  return (
    <div className="clause-table-wrap">
      <table className="clause-table">
        {head && (
          <thead>
            <tr>
              {head.map((c, i) => (
                <th key={i}>{c}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
