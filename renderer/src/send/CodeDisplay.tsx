/** A 4-digit code in two pairs ("12 34"), the way it is read aloud; copying it still gives "1234". */
export function CodeDisplay({ code, label, expired }: { code: string; label: string; expired: boolean }) {
  const pairs = code.match(/.{1,2}/g) ?? [code];
  return (
    <p className={expired ? 'code code--expired' : 'code'}>
      <span className="code__label">{label}</span>
      <span className="code__digits" data-testid="sent-code">
        {pairs.map((pair, index) => (
          <span key={index} className="code__pair">
            {pair}
          </span>
        ))}
      </span>
    </p>
  );
}
