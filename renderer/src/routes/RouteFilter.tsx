/** The filter box over every column of IP → Routes, online and offline alike. */
export function RouteFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <input
      className="input routes-filter"
      type="search"
      placeholder="Filter: any column"
      aria-label="Filter routes"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
