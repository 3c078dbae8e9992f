import type { ComponentChildren } from "preact";

/**
 * A labelled one-line text input in a `.field`: `<label for={id}>` then the
 * input with that id and its test id. The staff forms' common case; a field
 * with anything more (a select, a textarea, a number, a hint) is written out.
 */
export function TextField({
  id,
  label,
  testId,
  value,
  onValue,
  type,
  ...input
}: {
  id: string;
  label: ComponentChildren;
  testId: string;
  value: string;
  onValue: (value: string) => void;
  /** omitted: a text input */
  type?: "date";
  required?: boolean;
  maxLength?: number;
  pattern?: string;
  autocomplete?: "off";
}) {
  const props = {
    id,
    "data-testid": testId,
    ...input,
    value,
    onInput: (e: { currentTarget: HTMLInputElement }) => onValue(e.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {type === "date" ? <input type="date" {...props} /> : <input {...props} />}
    </div>
  );
}
