export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Wraps plain paragraphs into the text and HTML bodies every mail shares (zh-CN, with a footer). */
export function layout(subject: string, greeting: string, paragraphs: string[], link?: { label: string; url: string }): RenderedMail {
  const footer = '此邮件由征求意见系统自动发送，请勿直接回复。';
  const text = [greeting, '', ...paragraphs, ...(link ? ['', `${link.label}：${link.url}`] : []), '', footer].join('\n');
  const html = [
    '<!doctype html><html lang="zh-CN"><body style="font-family:sans-serif;line-height:1.7">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : '',
    `<p style="color:#888;font-size:12px">${footer}</p></body></html>`,
  ].join('');
  return { subject, text, html };
}
