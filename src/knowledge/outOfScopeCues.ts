// Out-of-scope cues in German and Chinese, read on the analyzer's normalised text (German: lowercase,
// umlauts folded so "für" is "fur" and "Schlüssel" "schlussel"; Chinese: Traditional folded onto
// Simplified, so one pattern serves both scripts). The English table is in outOfScope.ts.

type CueTable = ReadonlyArray<readonly [topic: string, pattern: RegExp]>;

/** Vendors whose products support cannot fix, named the same way in every language. */
const VENDORS = 'salesforce|zoom|slack|dropbox|docusign|adobe|hubspot|zendesk|mimecast|proofpoint|barracuda|quickbooks|xero|mailchimp|webex|evernote|grammarly|sage|zoho|gotomeeting|datev|sap|lexware';

export const germanCues: CueTable = [
  [
    'oos.not-admin',
    /\b(ich bin (?:kein|nicht (?:der|die|ein|eine)?) ?(?:admin|administrator|it)\w*|bin (?:nur |bloss |einfach )?(?:ein |eine )?(?:normaler? |einfacher? )?(?:benutzer|nutzer|mitarbeiter|angestellter?|user|anwender)\w*,? (?:und )?(?:kein|nicht) (?:der |die |ein |eine )?(?:admin|administrator)\w*|bin (?:nur|bloss|einfach) (?:ein |eine )?(?:normaler? |einfacher? )?(?:benutzer|nutzer|mitarbeiter|angestellter?|user|anwender)\w*|kein (?:admin|administrator)\w*|(?:unser|mein) (?:admin|administrator|it|chef)\w* (?:sagt|hat|ist|will|meint)|frag\w* (?:meinen|unseren|den) (?:admin|administrator|it)|privat\w* (?:\w+ ){0,2}?(?:konto|abo|abonnement|email|postfach|nutzung)|(?:microsoft|office) 365 (?:family|personal|single)|outlook ?com|hotmail|mein (?:eigenes|privates) (?:konto|postfach|abo)|zu ?hause|fur (?:meine familie|mich privat)|meine? (?:kinder|sohn|tochter|frau|mann|xbox))\b/,
  ],
  [
    'oos.scripts',
    /\b((?:mein|meine|unser|unsere|dieses|das|ein|eigenes?|selbst geschriebenes?) (?:\w+ )?(?:skript|script|makro|macro|runbook)\w*|(?:skript|script|makro|code)\w* (?:das|den|die) (?:ich|wir) (?:geschrieben|erstellt|gebaut)|(?:mein|unser|eigener?) (?:powershell |python |vba )?code|(?:skript|script|code|makro)\w* (?:debuggen|prufen|korrigieren|reparieren|schreiben))\b/,
  ],
  ['oos.third-party', new RegExp(`\\b((?:${VENDORS})[ -]?(?:addin|add in|app|integration|plugin|erweiterung|konnektor|connector|sync|synchronisierung)\\w*|(?:addin|plugin|erweiterung) (?:von|eines|einem) (?:drittanbieter|anderen hersteller)\\w*|drittanbieter\\w*|fremdhersteller\\w*|\\w*drucker\\w*|\\w*scanner\\w*|\\w*treiber)\\b`)],
  [
    'oos.customer-network',
    /\b((?:unser|unsere|unserer|unseren|meine?|die|der) (?:firmen|buro|lokale?n?|interne?n?|eigene?n?)?(?:firewall|proxy|router|switch|vpn|wlan|wifi|netzwerk|lan|dns server|internetanbieter|provider)\w*|(?:firewall|proxy|vpn|router)\w* (?:blockiert|sperrt|blockt|konfiguration)|hinter (?:einer|unserer|der) (?:firewall|proxy)|wlan|wifi)\b/,
  ],
];

export const chineseCues: CueTable = [
  [
    'oos.not-admin',
    /(我不是(?:管理员|it|网管|管理者)|我(?:只是|就是)(?:个|一个)?(?:普通|一般)?(?:员工|用户|职员|使用者)|不是管理员|(?:问|找|联系)(?:我们|公司)?的?(?:管理员|it|网管)|个人(?:版|账户|帐户|账号|帐号|邮箱|订阅|用途)|家庭版|家用版|(?:microsoft|office) 365 (?:family|personal|家庭|个人)|hotmail|outlook ?com|我(?:自己|家)的(?:账户|账号|帐号|邮箱|电脑))/,
  ],
  ['oos.scripts', /((?:写|编|做)(?:一个|一个|个)?\s?(?:vba|powershell|python)?\s?(?:脚本|代码|宏|巨集)|(?:我|我们|自己)(?:写|编)的(?:\w+)?(?:脚本|代码|宏|巨集|程序)|(?:脚本|代码|宏)(?:报错|出错|有错|调试|跑不起来|运行不了|执行失败)|帮我(?:写|改|调试|检查|看看)(?:一下|个|一个)?(?:\S{0,6})?(?:脚本|代码|宏)|(?:powershell|python|vba) ?(?:脚本|代码))/],
  ['oos.third-party', new RegExp(`((?<![a-z])(?:${VENDORS})(?![a-z])|钉钉|企业微信|飞书|腾讯会议|第三方|其他厂商|别家|打印机|印表机|扫描仪|驱动程序|(?:惠普|佳能|兄弟|爱普生|联想|戴尔|hp|canon|epson|brother)(?:\\S{0,4})(?:打印机|驱动|扫描))`)],
  ['oos.customer-network', /((?:我们|公司|办公室|内部|本地|自己)的?(?:防火墙|代理|路由器|交换机|vpn|wifi|无线网|网络很慢|网络不稳定|网络断|局域网|宽带|dns服务器)|防火墙(?:拦截|挡住|屏蔽|阻止)|(?:路由器|交换机|代理服务器)|wifi|无线网|局域网|宽带)/],
];
