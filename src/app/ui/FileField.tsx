/**
 * A labelled file input in a `.field` that hands over the one file chosen, and
 * clears itself at once so that choosing the same file again fires again.
 */
export function FileField({
  id,
  label,
  testId,
  accept,
  onFile,
}: {
  id: string;
  label: string;
  testId: string;
  accept: string;
  onFile: (file: File) => Promise<void>;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        type="file"
        accept={accept}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) void onFile(file);
        }}
      />
    </div>
  );
}
