export { renderText } from './render-text';
export { renderDocx } from './render-docx';
export { composeNote } from './clause-lines';
export { officialPageNumbers } from './page-numbers';
export { bodyStyles, fittedHeight, printableSheet } from './printable-sheet';
