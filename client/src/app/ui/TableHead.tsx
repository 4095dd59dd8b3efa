import type { ReactNode } from 'react';

/**
 * A table's heading row of column headers (`scope="col"`, so screen readers name each cell's column).
 * `children` go between the first heading and the rest: columns only known at run time.
 */
export function TableHead(props: { heads: readonly string[]; children?: ReactNode }) {
  const [first, ...rest] = props.heads;
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {props.children}
        {rest.map((h, i) => (
          <th scope="col" key={i}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
