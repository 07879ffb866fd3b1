export { renderText } from './render-text';
export { renderDocx } from './render-docx';
export { composeNote } from './clause-lines';
