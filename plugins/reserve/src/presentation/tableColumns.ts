import { TableColumn } from '@backstage/core-components';
import { CSSProperties } from 'react';

/**
 * Columns sized by their content, whose cells wrap between words only. The table otherwise
 * gives each column an equal share, which a crowded table overflows, and Backstage's theme
 * lets every cell break words anywhere (`word-break: break-word`), so that a squeezed column
 * reads "kube-schedul / er"; long tokens get their own wrap points instead (see MessageText).
 * `padding`, for a table of many columns, replaces the cells' and headers' own.
 */
export function contentSizedColumns<T extends object>(
  columns: TableColumn<T>[],
  options: { padding?: CSSProperties['padding'] } = {},
): TableColumn<T>[] {
  const padding =
    options.padding === undefined ? {} : { padding: options.padding };
  return columns.map(column => ({
    ...column,
    width: 'auto',
    headerStyle: { ...padding },
    cellStyle: { wordBreak: 'normal', ...padding },
  }));
}
