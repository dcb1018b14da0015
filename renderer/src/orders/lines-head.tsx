import { useI18n } from '../i18n/i18n';

/** The column headings shared by an order's items and a receipt's lines. */
export function LinesHead() {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        <th scope="col">{t.itemName}</th>
        <th scope="col" className="num">{t.itemQuantity}</th>
        <th scope="col" className="num">{t.itemUnitPrice}</th>
        <th scope="col" className="num">{t.itemLineTotal}</th>
      </tr>
    </thead>
  );
}
