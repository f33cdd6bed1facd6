/** English strings of file fields (engine/files). */
export default {
  choose: 'Choose a file',
  replace: 'Replace the file',
  addAnother: 'Add a file',
  uploading: 'Uploading…',
  refused: 'Not stored: {{reason}}',
  remove: 'Remove {{name}}',
  storedFile: 'File #{{id}}',
  download: 'Download',
  downloadNamed: 'Download {{name}}',
  tooLarge: 'larger than {{size}}',
  limits: '{{types}} · up to {{size}}',
  linkFailed: 'The download link could not be created',
}
