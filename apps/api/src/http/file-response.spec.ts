import { contentDisposition, fileResponse } from './file-response';

describe('fileResponse', () => {
  it('sends a Chinese file name as filename* with an ASCII fallback named by its extension', () => {
    expect(contentDisposition({ fileName: '意见采纳情况表.xlsx' })).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent('意见采纳情况表.xlsx')}`,
    );
    expect(contentDisposition({ fileName: '未反馈单位-2023-05-17.xlsx', asciiName: 'not-replied.xlsx' })).toMatch(/^attachment; filename="not-replied.xlsx"; filename\*=UTF-8''%E6%9C%AA/);
  });

  it('keeps quotes and non-ASCII out of the fallback name', () => {
    expect(contentDisposition({ fileName: 'x', asciiName: 'a"b\\c中.txt' })).toBe(`attachment; filename="a_b_c_.txt"; filename*=UTF-8''x`);
  });

  it('carries the type and length of the body', () => {
    const file = fileResponse({ fileName: '关于….docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: Buffer.from('PK') });
    expect(file.getHeaders()).toMatchObject({ type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', length: 2 });
  });
});
