import type { ComponentChildren } from "preact";

/**
 * A labelled multi-line text field in a `.field`, the textarea twin of
 * TextField: the desk's walk-in question and its consultation advice were the
 * same markup written out twice.
 */
export function TextAreaField({
  id,
  label,
  testId,
  value,
  onValue,
  ...textarea
}: {
  id: string;
  label: ComponentChildren;
  testId: string;
  value: string;
  onValue: (value: string) => void;
  required?: boolean;
  maxLength?: number;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} data-testid={testId} {...textarea} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}
