import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { routeFlags } from '../../../shared/routes/route';
import { type RouteColumn, routeColumns } from '../../../shared/routes/route-columns';
import type { RouteFamily } from '../../../shared/routes/route-family';
import {
  conditionIssue,
  conditionText,
  type FindCondition,
  type FindOperator,
  maxConditions,
  operatorLabel,
  operatorsFor,
} from '../../../shared/routes/route-find';
import { Button } from '../components/Button';
import { count } from '../components/count';
import { Icon } from '../components/Icon';
import type { RoutesView } from './routes-view-store';

const subnetExample: Record<RouteFamily, string> = { ip: '10.0.0.0/8', ipv6: '2001:db8::/32' };

/**
 * Winbox's Find: a column, how to compare it and a value make a condition; every condition must
 * hold. Each shows as a chip with the routes it matches on its own and a button that takes it
 * away. Enter adds; Backspace in an empty value takes the last chip away.
 */
export function RouteFind({ view, family }: { view: RoutesView; family: RouteFamily }) {
  const conditions = useStore(view, (s) => s.query.conditions);
  const matches = useStore(view, (s) => s.matches);
  const [column, setColumn] = useState<RouteColumn>('dstAddress');
  const [operator, setOperator] = useState<FindOperator>('inSubnet');
  const [value, setValue] = useState('');
  const [issue, setIssue] = useState<string | null>(null);
  const valueRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const issueId = useId();
  const full = conditions.length >= maxConditions;

  const setConditions = (next: FindCondition[]) => view.getState().setQuery({ conditions: next });
  const pickColumn = (next: RouteColumn) => {
    setColumn(next);
    setIssue(null);
    const operators = operatorsFor(next);
    if (!operators.includes(operator)) setOperator(operators[0]!);
    if (next === 'flags') setValue(routeFlags[0].key);
    else if (column === 'flags') setValue('');
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const condition = { column, operator, value: value.trim() };
    const problem =
      conditionIssue(condition) ??
      (conditions.some((each) => conditionText(each) === conditionText(condition))
        ? 'This condition is already there'
        : undefined);
    if (problem) return setIssue(problem);
    setIssue(null);
    setConditions([...conditions, condition]);
    if (column !== 'flags') setValue('');
    valueRef.current?.focus();
  };
  const remove = (index: number) => {
    setConditions(conditions.filter((_, each) => each !== index));
    valueRef.current?.focus();
  };
  const onValueKey = (event: KeyboardEvent) => {
    if (event.key === 'Backspace' && value === '' && conditions.length > 0) remove(conditions.length - 1);
  };

  const valueControl =
    column === 'flags' ? (
      <select
        ref={valueRef}
        className="input select routes-find-value"
        aria-label="Find value"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      >
        {routeFlags.map((flag) => (
          <option key={flag.key} value={flag.key}>
            {flag.label} ({flag.letter})
          </option>
        ))}
      </select>
    ) : (
      <input
        ref={valueRef}
        className="input routes-find-value"
        aria-label="Find value"
        placeholder={operator === 'inSubnet' ? subnetExample[family] : 'value'}
        value={value}
        aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? issueId : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setIssue(null);
        }}
        onKeyDown={onValueKey}
      />
    );

  return (
    <div className="routes-find">
      <form
        className="routes-find-form"
        aria-label="Find routes"
        onSubmit={add}
        // A select does not submit its form on Enter as an input does; here every control adds.
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) {
            event.preventDefault();
            event.currentTarget.requestSubmit();
          }
        }}
      >
        <select
          className="input select routes-find-column"
          aria-label="Find column"
          value={column}
          onChange={(event) => pickColumn(event.target.value as RouteColumn)}
        >
          {routeColumns.map((each) => (
            <option key={each.key} value={each.key}>
              {each.label}
            </option>
          ))}
        </select>
        <select
          className="input select routes-find-operator"
          aria-label="Find operator"
          value={operator}
          onChange={(event) => setOperator(event.target.value as FindOperator)}
        >
          {operatorsFor(column).map((each) => (
            <option key={each} value={each}>
              {operatorLabel(column, each)}
            </option>
          ))}
        </select>
        {valueControl}
        <Button type="submit" size="small" icon="plus" disabled={full}>
          Add condition
        </Button>
        {issue && (
          <span id={issueId} className="routes-find-issue" role="alert">
            {issue}
          </span>
        )}
      </form>
      {conditions.length > 0 && (
        <ul className="routes-find-chips" aria-label="Find conditions">
          {conditions.map((condition, index) => {
            const text = conditionText(condition);
            const matched = matches.length === conditions.length ? matches[index] : undefined;
            return (
              <li key={text} className="routes-find-chip">
                <span>{text}</span>
                <span className="routes-find-count" title="Routes this condition matches on its own">
                  {matched === undefined ? '…' : count.format(matched)}
                  <span className="visually-hidden"> routes</span>
                </span>
                <button
                  type="button"
                  className="routes-find-remove"
                  aria-label={`Remove condition: ${text}`}
                  title="Remove condition"
                  onClick={() => remove(index)}
                >
                  <Icon name="close" size={12} />
                </button>
              </li>
            );
          })}
          {conditions.length > 1 && (
            <li>
              <Button size="small" variant="ghost" onClick={() => setConditions([])}>
                Clear all
              </Button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
