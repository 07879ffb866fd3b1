/** Opens the file chooser without leaving a file input in the page (the seal panel's scan input stays the only one). */
export function pickFile(accept: string, onPick: (file: File) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.onchange = () => {
    const file = input.files?.[0];
    if (file) onPick(file);
  };
  input.click();
}
