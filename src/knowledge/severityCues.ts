// The severity hint's cues in German and Chinese (severityHint.ts has the English ones and the rules
// that combine them; the rules are the same in every language). German is read umlaut-folded
// ("fur alle", "losung"), Chinese with Traditional characters folded onto Simplified ones.
import type { Language } from '../i18n/index.js';
import { normalizeChinese } from './chineseAnalyzer.js';
import { normalizeGerman } from './germanAnalyzer.js';

/** The kinds of cue the severity rules combine (severityHint.ts). */
export type CueName =
  | 'widespread'
  | 'mailProblem'
  | 'nobodyCan'
  | 'outage'
  | 'serviceDown'
  | 'impaired'
  | 'narrow'
  | 'askingAboutOutage'
  | 'howTo'
  | 'minor'
  | 'adminCenterOnly'
  | 'singleObjectTask';

export interface LocalizedSeverityCues {
  normalize(text: string): string;
  patterns: Record<CueName, RegExp>;
  /** Words that make a how-to question a fault report after all ("Fehler", "报错"). */
  faultWords: RegExp;
}

const german: LocalizedSeverityCues = {
  normalize: normalizeGerman,
  patterns: {
    widespread: /\b(niemand|keiner (?:von uns|unserer)|alle (?:\w+ )?(?:benutzer|mitarbeiter|nutzer|kollegen|user|postfacher|standorte|abteilungen)|alle|jeder|jede|ganze[nrs]? (?:firma|unternehmen|organisation|buro|team|mandant|standort|belegschaft)|firmenweit|unternehmensweit|flachendeckend|fur alle|(?:viele|mehrere|etliche|dutzende|hunderte) (?:benutzer|mitarbeiter|nutzer|user|kollegen|leute))\b/,
    mailProblem: /\b((?:probleme?|schwierigkeiten|storung) (?:beim|mit dem) (?:senden|empfangen|versenden|zustellen)|(?:email|emails|nachrichten)\w* (?:\w+ ){0,4}?(?:kommen nicht an|gehen nicht raus|werden nicht (?:zugestellt|gesendet|empfangen))|(?:email|mail)\w*(?:probleme?|storung))\b/,
    nobodyCan: /\b(niemand|keiner|kein (?:benutzer|mitarbeiter|user)) (?:\w+ ){0,4}?(?:kann|konnen|bekommt|bekommen|erhalt|hat|funktioniert)\b/,
    outage: /\b(ausfall|ausgefallen|down|offline|nicht erreichbar|nicht verfugbar|(?:http |fehler )?(?:500|502|503|504)|geht gar nichts|(?:komplett|total|vollig) (?:kaputt|ausgefallen|tot)|funktioniert nicht mehr|(?:nicht|keine?) (?:mehr )?(?:senden|empfangen|zugreifen|offnen|anmelden|verbinden|arbeiten)|kein zugriff|kritisch|notfall|dringend|stillstand|produktion steht)\b/,
    serviceDown: /\b(ausfall|ausgefallen|down|offline|nicht erreichbar|nicht verfugbar|kritisch|notfall|50[0234]|stillstand|kein zugriff mehr)\b/,
    impaired: /\b(fehler\w*|fehlermeldung|zugriff verweigert|keine berechtigung|schlagt fehl|fehlgeschlagen|kaputt|stockt|hangt|hangen|absturz|sturzt ab|sturzen ab|langsam|friert ein|bricht ab|verbindung (?:bricht|getrennt)|timeout|nicht (?:moglich|angezeigt|synchronisiert|gespeichert|geladen|aktiviert)|klappt nicht|geht nicht|funktioniert nicht|verzogert|fehlt|fehlen|verschwunden|weg)\b/,
    narrow: /\b(ein (?:einzelner? )?(?:benutzer|mitarbeiter|nutzer|user|kollege|postfach|konto|laptop|rechner|pc)|einer (?:unserer|meiner) (?:benutzer|mitarbeiter)|nur (?:ein|eine|einem|bei einem|bei mir|ich|mich)|bei mir|mein (?:chef|kollege)|meine (?:chefin|kollegin|assistentin)|ein paar (?:benutzer|leute|mitarbeiter)|einige benutzer)\b/,
    askingAboutOutage: /\b(?:gibt es|gibts|ist) (?:gerade |aktuell |derzeit )?(?:eine?n? )?(?:bekannte?n? )?(?:storung|ausfall|problem|probleme|vorfall)\b/,
    howTo: /^(wie|was|wo|welche[rsmn]?|wer|wann|warum|gibt es|kann (?:ich|man)|konnen wir|ist es moglich|ich mochte|wir mochten|ich will|wir wollen|wir brauchen|ich brauche|bitte|richte|einrichten|anlegen|erstellen|hinzufugen|entfernen|andern)\b|\b(wie (?:kann|konnen|geht|richte|lege|stelle|mache)|ist es moglich|anleitung|schritt fur schritt)\b/,
    minor: /\b(workaround|umgehung|kleinigkeit|nicht dringend|kein stress|keine eile|niedrige prioritat|kosmetisch|nervig|ab und zu|manchmal|gelegentlich)\b/,
    adminCenterOnly: /\b(?:admin center|admin-center|portal|eac)\b.*\bpowershell\b|\bpowershell\b.*\b(?:admin center|portal|eac)\b/,
    singleObjectTask: /\b(?:kann|konnen) (?:den |die |das |einen |eine |ein )?(?:alten? )?(?:kontakt|gruppe|verteiler|verteilerliste|alias|benutzer|einstellung|eintrag|adresse|foto|bild|signatur|regel|ordner|kalender)\w* nicht (?:loschen|entfernen|bearbeiten|umbenennen|andern|verschieben|ausblenden)\b/,
  },
  faultWords: /\b(fehler|schlagt fehl|fehlgeschlagen|kaputt|absturz|sturzt)/,
};

const chinese: LocalizedSeverityCues = {
  normalize: normalizeChinese,
  patterns: {
    widespread: /(所有人|所有(?:的)?(?:用户|员工|同事|人|邮箱|部门|分公司)|全公司|整个(?:公司|组织|部门|团队|租户)|全体|大家都|大部分(?:用户|员工|人)|很多(?:用户|员工|人|同事)|多个(?:用户|员工|部门)|几十个|上百个|全员|全部(?:用户|员工|人))/,
    mailProblem: /((?:收发|发送|接收)邮件(?:有|出)?(?:问题|故障|异常)|邮件(?:\S{0,6})(?:发不出|收不到|发不出去|无法发送|无法接收|不能发送|不能接收|出不去|进不来)|邮件(?:问题|故障|异常))/,
    nobodyCan: /((?:没有人|没人|谁都|一个人都)(?:\S{0,6})(?:能|可以|收到|登录|登陆|打开|访问|不能|无法))/,
    outage: /(宕机|挂了|中断|瘫痪|停摆|全挂|打不开|无法访问|访问不了|不能用|用不了|无法使用|无法登录|登录不了|登不上|无法连接|连不上|收不到|发不出|50[0234]|服务不可用|紧急|十万火急|严重|停工|没法工作|无法工作)/,
    serviceDown: /(宕机|挂了|中断|瘫痪|停摆|全挂|服务不可用|50[0234]|紧急|停工)/,
    impaired: /(报错|错误|出错|失败|异常|故障|拒绝访问|没有权限|无权限|权限不足|崩溃|闪退|卡住|卡死|卡顿|很慢|太慢|超时|断开|掉线|乱码|不同步|同步不了|丢失|不见了|消失|不显示|打不开|不能用|用不了|无法|不能|不了|不行|没反应|有问题)/,
    narrow: /(一个(?:用户|员工|同事|人|邮箱|账户|账号|电脑)|某个(?:用户|员工|同事)|单个(?:用户|员工)|只有(?:我|他|她|一个)|就我|我自己|我的(?:老板|经理|同事|助理)|少数(?:用户|人)|几个(?:用户|人|同事))/,
    askingAboutOutage: /(?:有没有|是否有|现在有|目前有)(?:\S{0,4})(?:已知)?(?:故障|中断|问题|事件)/,
    howTo: /^(如何|怎么|怎样|怎么样|请问|能否|可以|是否|有没有|我想|我们想|我要|我们要|我们需要|我需要|帮我|请帮|如何设置|怎么设置|设置|添加|创建|删除|修改|更改)|(如何|怎么|怎样)(?:设置|添加|创建|删除|修改|更改|配置|开通|购买|启用|关闭)|步骤|教程/,
    minor: /(不急|不着急|有空|有时间再|小问题|不严重|偶尔|有时候|有时|临时办法|变通|凑合)/,
    adminCenterOnly: /(?:管理中心|admin center|eac|门户).*powershell|powershell.*(?:管理中心|admin center|eac|门户)/,
    singleObjectTask: /(?:无法|不能|删不掉|删不了|改不了)(?:删除|移除|编辑|修改|重命名|更改|隐藏|移动)?(?:一个|这个|那个|旧的?)?(?:联系人|组|通讯组|别名|用户|设置|条目|地址|照片|签名|规则|文件夹|日历)/,
  },
  faultWords: /(报错|错误|失败|崩溃|故障)/,
};

export const severityCuesByLanguage: Partial<Record<Language, LocalizedSeverityCues>> = {
  de: german,
  'zh-Hans': chinese,
  'zh-Hant': chinese,
};
