// Query-side synonyms in German and Chinese (see synonyms.ts for how a group works and for English).
// `when` phrases are what admins type; `add` are words the articles in that language use.
import type { SynonymGroup } from './synonymGroup.js';

export const germanSynonymGroups: readonly SynonymGroup[] = [
  { when: ['unzustellbar', 'zurückgewiesen', 'abgewiesen', 'bounce', 'ndr', 'kommt zurück', 'kommen zurück'], add: 'unzustellbarkeitsbericht ndr zustellung' },
  { when: ['kommen nicht an', 'kommt nicht an', 'nicht empfangen', 'keine mails', 'keine emails', 'nicht senden', 'nicht versenden', 'bleiben im postausgang', 'verzögert'], add: 'nachrichtenfluss zustellung' },
  { when: ['down', 'ausfall', 'offline', 'nicht erreichbar', 'nicht verfügbar', 'lädt nicht', 'störung', 'geht gar nichts'], add: 'ausfall nicht verfügbar' },
  { when: ['kündigen', 'kündigung', 'beenden', 'abbestellen', 'erstattung', 'zurückerstatten'], add: 'kündigen abonnement' },
  { when: ['rechnung', 'abbuchung', 'belastet', 'kosten', 'gebühr', 'abgerechnet'], add: 'rechnung gebühren' },
  { when: ['lizenz', 'lizenzen', 'mehr benutzer', 'neuer mitarbeiter', 'neue mitarbeiter', 'plätze', 'arbeitsplätze'], add: 'lizenzen hinzufügen' },
  { when: ['verlängern', 'verlängerung', 'läuft ab', 'abgelaufen', 'ablauf'], add: 'verlängern ablauf' },
  { when: ['testversion', 'test', 'trial', 'ausprobieren', 'kostenlos testen'], add: 'testversion' },
  { when: ['kennwort', 'passwort', 'vergessen', 'gesperrt', 'ausgesperrt'], add: 'kennwort zurücksetzen' },
  { when: ['mfa', '2fa', 'zweistufig', 'authenticator', 'bestätigungscode', 'sms code'], add: 'mehrstufige authentifizierung mfa' },
  { when: ['gehackt', 'phishing', 'kompromittiert', 'angreifer', 'verdächtig', 'unbekannte regel', 'merkwürdige regel'], add: 'kompromittiert angreifer' },
  { when: ['telefon', 'anrufen', 'hotline', 'telefonnummer', 'rufnummer'], add: 'telefon nummer anrufen', unless: ['handy verloren', 'neues handy', 'authenticator', 'mfa'] },
  { when: ['lastschrift', 'rücklastschrift', 'zahlung', 'bezahlung', 'kreditkarte', 'karte abgelehnt', 'zurückgegangen', 'überweisung', 'sepa', 'bankeinzug', 'zahlungsverzug', 'mahnung'], add: 'zahlung zahlungsmethode fehlgeschlagen' },
  { when: ['was down', 'grad was', 'gerade was', 'bei microsoft', 'großflächig', 'bekannte störung', 'bei anderen auch', 'andere firmen auch', 'befreundeten firmen', 'überall', 'weltweit', 'dienststatus'], add: 'dienstintegrität störung ausfall' },
  { when: ['weiterleiten', 'weiterleitung', 'umleiten', 'zusätzlich an', 'kopie an', 'automatisch an', 'auch an'], add: 'weiterleitung weiterleiten' },
  { when: ['als er', 'als sie', 'in seinem namen', 'in ihrem namen', 'im namen von', 'senden als', 'send as', 'vollzugriff'], add: 'senden als berechtigung' },
  { when: ['öffnungszeiten', 'geschäftszeiten', 'supportzeiten', 'wochenende', 'erreichbar'], add: 'zeiten' },
];

/**
 * Words mainland and Taiwan / Hong Kong admins use for the same thing. Characters are folded to
 * Simplified before matching, so these are the word-level differences only (信箱 and 邮箱, 网域 and 域名);
 * each side adds both, and whichever the language's articles use matches.
 */
const chineseVariants: ReadonlyArray<readonly string[]> = [
  ['邮箱', '信箱', '电邮', '邮件箱'],
  ['用户', '使用者', '用戶', '员工账号'],
  ['账户', '帐户', '账号', '帐号'],
  ['域名', '网域', '域'],
  ['许可证', '授权', '许可', '执照', 'license'],
  ['管理员', '系统管理员', '管理者', 'admin'],
  ['默认', '预设'],
  ['设置', '设定', '配置'],
  ['共享', '共用'],
  ['文件', '档案'],
  ['服务器', '伺服器'],
  ['软件', '软体'],
  ['网络', '网路'],
  ['登录', '登入', '登陆', '签入'],
  ['视频', '视讯'],
  ['程序', '程式'],
  ['联系人', '连络人', '联络人'],
  ['通讯组', '通讯群组', '通讯组列表', '发布列表'],
  ['打印机', '印表机'],
  ['短信', '简讯'],
  ['手机', '行动电话', '手提电话'],
  ['支持', '支援', '客服'],
  ['工单', '服务请求', '服务要求', '支持请求', '案件'],
  ['订阅', '订阅方案'],
  ['租户', '租用户'],
];

export const chineseSynonymGroups: readonly SynonymGroup[] = [
  ...chineseVariants.map((words) => ({ when: words, add: words.join(' ') })),
  { when: ['退信', '被退回', '退回', '无法投递', '投递失败', 'ndr'], add: '退信 投递' },
  { when: ['收不到', '发不出', '发不出去', '收不到邮件', '发送失败', '邮件延迟', '卡在发件箱'], add: '邮件流 投递' },
  { when: ['宕机', '挂了', '打不开', '无法访问', '访问不了', '中断', '故障'], add: '中断 无法访问' },
  { when: ['取消订阅', '退订', '不续订', '退款', '注销'], add: '取消 订阅' },
  { when: ['账单', '发票', '扣费', '收费', '费用', '扣款'], add: '账单 发票 费用' },
  { when: ['许可证', '授权', 'license', '席位', '新员工', '加人'], add: '许可证 添加' },
  { when: ['续订', '续费', '过期', '到期'], add: '续订 到期' },
  { when: ['试用', '免费试用', '试用版'], add: '试用' },
  { when: ['密码', '忘记密码', '重置密码', '锁定', '被锁'], add: '密码 重置' },
  { when: ['mfa', '多重身份验证', '双重验证', '两步验证', '验证码', 'authenticator'], add: '多重 身份验证 mfa' },
  { when: ['被黑', '黑客', '钓鱼', '盗号', '被盗', '入侵', '可疑规则'], add: '泄露 攻击者' },
  { when: ['电话', '热线', '打电话', '电话号码', '客服电话'], add: '电话 号码', unless: ['手机丢', '新手机', 'authenticator', 'mfa'] },
  { when: ['工作时间', '营业时间', '周末', '几点'], add: '时间' },
];
