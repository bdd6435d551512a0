const formats = new Map<string, Intl.NumberFormat>();

/** Roubles as the operator's language writes them; prices of a send can have fractions of a kopeck. */
export function formatMoney(roubles: number, language: string): string {
  let format = formats.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(language, { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 4 });
    formats.set(language, format);
  }
  return format.format(roubles);
}
