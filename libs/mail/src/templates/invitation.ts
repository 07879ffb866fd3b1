import { layout, RenderedMail } from './layout';

export function invitationMail(args: { unitName: string; contactName: string; url: string; expiresAt: string }): RenderedMail {
  return layout(
    `【征求意见系统】${args.unitName}账号开通邀请`,
    `${args.contactName || args.unitName}同志：您好！`,
    [`您已被登记为${args.unitName}的联系人。请通过下方链接设置密码并登录征求意见系统，链接有效期至${args.expiresAt}。`],
    { label: '设置密码并登录', url: args.url },
  );
}
