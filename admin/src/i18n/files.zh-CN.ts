/** 文件字段的中文（engine/files）。 */
export default {
  choose: '选择文件',
  replace: '更换文件',
  addAnother: '添加文件',
  uploading: '上传中…',
  refused: '未保存：{{reason}}',
  remove: '移除 {{name}}',
  storedFile: '文件 #{{id}}',
  download: '下载',
  downloadNamed: '下载 {{name}}',
  tooLarge: '超过 {{size}}',
  limits: '{{types}} · 不超过 {{size}}',
  linkFailed: '无法生成下载链接',
}
