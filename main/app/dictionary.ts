/**
 * Every word the main process shows a person (notifications, tray, window title) in English,
 * Azerbaijani and Russian. The English dictionary is the source of truth for the keys and the
 * arguments of each parameterised text; `Messages` is derived from it, so the Azerbaijani and
 * Russian ones fail type-checking when a key is missing, extra, or takes other arguments.
 * Vocabulary follows the renderer's dictionaries (renderer/src/i18n), so the window, the tray and
 * the notifications name things the same way.
 */
import type { ErrorKind } from '../../common/result';
import { LOCALE_TAGS, type Language } from '../../common/settings';
import type { DictionaryOf } from '../../common/dictionary-type';

/** BCP 47 tags for Intl, the renderer's: English with a 24-hour clock, as used in Azerbaijan. */

const numberFormat = (language: Language): Intl.NumberFormat =>
  new Intl.NumberFormat(LOCALE_TAGS[language], { maximumFractionDigits: 3 });
const enNumber = numberFormat('en');
const azNumber = numberFormat('az');
const ruNumber = numberFormat('ru');
const enPlural = new Intl.PluralRules(LOCALE_TAGS.en);
const ruPlural = new Intl.PluralRules(LOCALE_TAGS.ru);

/** "1 order", "3 orders"; item counts can be fractional (0.5 kg), which English counts as plural. */
const en1 = (count: number, one: string, other: string): string =>
  `${enNumber.format(count)} ${enPlural.select(count) === 'one' ? one : other}`;

/**
 * Russian nouns after a number take one of three forms: 1 заказ, 3 заказа, 5 заказов (21 заказ).
 * Fractions ("other") take the same form as 2–4: 1,5 позиции.
 */
const ru3 = (count: number, one: string, few: string, many: string): string => {
  const form = ruPlural.select(count);
  return `${ruNumber.format(count)} ${form === 'one' ? one : form === 'many' ? many : few}`;
};

/** Azerbaijani nouns stay singular after a number: 1 sifariş, 5 sifariş. */
const az1 = (count: number, noun: string): string => `${azNumber.format(count)} ${noun}`;

export const en = {
  windowTitle: 'Clopos Order Notifier',
  windowTitleDemo: 'Clopos Order Notifier — DEMO (simulated orders)',
  demo: 'DEMO',

  newOrder: (label: string) => `New order ${label}`,
  newOrders: (count: number) => en1(count, 'new order', 'new orders'),
  stillWaiting: (count: number) => `${en1(count, 'order', 'orders')} still waiting`,
  escalation: (label: string, waited: string) => `Order ${label} waiting ${waited}`,
  escalationAdvice: 'Accept or refuse it in Clopos now.',
  /** The buttons on an order's notification (Windows toasts, macOS), as the board's button reads. */
  notificationActions: { acknowledge: 'Seen', open: 'Open' },
  channelName: { callCentre: 'Call centre', website: 'Website' },
  deliveryTypeName: { delivery: 'Delivery', pickup: 'Pickup', dineIn: 'Dine-in' },
  printProblemTitle: (number: string) => `The slip of order ${number} did not print`,
  printProblemBody: 'Check the printer (on, paper, chosen in Settings → Printing), then press Print again in the app.',
  testTitle: 'Test notification',
  testBody: 'If you can read this and hear the alarm, new orders will reach you on this PC.',
  items: (count: number) => en1(count, 'item', 'items'),
  andMore: (count: number) => `and ${enNumber.format(count)} more`,

  justNow: 'just now',
  ago: (duration: string) => `${duration} ago`,
  timeUnknown: 'time unknown',
  firstSeen: (when: string) => `first seen ${when}`,
  totalUnknown: 'total unknown',
  lessThanAMinute: 'less than a minute',
  minutes: (minutes: number) => `${enNumber.format(minutes)} min`,
  hours: (hours: number) => `${enNumber.format(hours)} h`,
  hoursMinutes: (hours: number, minutes: number) => `${enNumber.format(hours)} h ${enNumber.format(minutes)} min`,

  notReceiving: (problem: string) => `Not receiving orders — ${problem}`,
  /** The part of the watch a problem blinds, before its cause: "venue 2: sign-in refused". */
  venueProblem: (venue: string, problem: string) => `venue ${venue}: ${problem}`,
  notReceivingSince: (problem: string, time: string) => `Not receiving orders — ${problem} since ${time}`,
  /** What the failure means for the clerk, as the end of "Not receiving orders — …". */
  problem: {
    offline: 'offline',
    timeout: 'Clopos not answering',
    auth: 'sign-in refused',
    'rate-limited': 'too many requests',
    server: 'Clopos server error',
    'bad-response': 'unexpected answer from Clopos',
    'not-found': 'venue or brand not found',
    config: 'not set up',
    incomplete: 'some pending orders cannot be seen',
    unreadable: 'Clopos sent orders the app cannot read',
    'invalid-request': 'internal error',
    forbidden: 'internal error',
    internal: 'internal error',
  } satisfies Record<ErrorKind, string>,
  /**
   * Whether waiting helps and how not to lose orders meanwhile. The cause's own message (from the
   * Clopos client, in English) says what is wrong.
   */
  advice: {
    offline: 'The app keeps trying. Watch the POS for new orders meanwhile.',
    timeout: 'The app keeps trying. Watch the POS for new orders meanwhile.',
    'rate-limited': 'The app keeps trying. Watch the POS for new orders meanwhile. Fewer PCs or a longer check interval avoid this.',
    server: 'The app keeps trying. Watch the POS for new orders meanwhile.',
    'bad-response': 'The app keeps trying. Watch the POS for new orders meanwhile.',
    auth: 'This will not fix itself: correct it in Settings. Watch the POS for new orders meanwhile.',
    'not-found': 'This will not fix itself: correct it in Settings. Watch the POS for new orders meanwhile.',
    config: 'This will not fix itself: correct it in Settings. Watch the POS for new orders meanwhile.',
    incomplete: 'Check the POS for orders the app may not show. The app keeps trying.',
    unreadable: 'Check the POS for orders the app may not show, and send the log folder to support.',
    'invalid-request': 'Restart the app; if it happens again, send the log to support. Watch the POS meanwhile.',
    forbidden: 'Restart the app; if it happens again, send the log to support. Watch the POS meanwhile.',
    internal: 'Restart the app; if it happens again, send the log to support. Watch the POS meanwhile.',
  } satisfies Record<ErrorKind, string>,
  /** `cause` is the client's English message; each language puts its own advice where it reads best. */
  problemBody: (cause: string, advice: string) => `${cause}\n${advice}`,
  recoveredTitle: 'Receiving orders again',
  recoveredBody: (at: string) => `Connection restored at ${at}. Check the list for orders that came in meanwhile.`,
  recoveredBodyAfter: (at: string, downSince: string) =>
    `Connection restored at ${at} (down since ${downSince}). Check the list for orders that came in meanwhile.`,

  ordersWaiting: (count: number) => `${en1(count, 'order', 'orders')} waiting`,
  noOrdersWaiting: 'No orders waiting',
  checkingPaused: 'checking paused',
  alertsPausedUntil: (time: string) => `reminders paused until ${time}`,
  mutedUntil: (time: string) => `ALL SOUND OFF until ${time}`,
  lastCheck: (time: string) => `last check ${time}`,
  notCheckedYet: 'not checked yet',

  /** Native dialogs main shows for actions the window may not take alone. */
  confirmReject: {
    title: 'Reject this order in Clopos?',
    message: (order: string) => `Reject order ${order}?`,
    detail: 'Clopos sets it to IGNORE and the customer is not served. This cannot be undone from the app.',
    confirm: 'Reject the order',
    cancel: 'Keep it',
  },
  confirmUpdate: {
    title: 'Install the update?',
    message: (version: string) => `Version ${version} of the notifier is ready to install.`,
    detail: 'The app closes for about a minute and starts again by itself. Install only when nobody is waiting for an order.',
    confirm: 'Install now',
    cancel: 'Not now',
  },
  menu: {
    open: 'Open',
    checkNow: 'Check now',
    acknowledgeAll: 'All seen (stop the alarm)',
    pauseAlerts: 'Pause reminders',
    pause15: '15 minutes',
    pause60: '1 hour',
    muteAlerts: 'Mute all sound',
    mute5: '5 minutes',
    mute15: '15 minutes',
    resumeAlerts: 'Resume alerts',
    startAtLogin: 'Start at login',
    openLogFolder: 'Open log folder',
    quit: 'Quit',
  },

  /**
   * Messages to the owner's phone through a Telegram bot (main/escalation): plain text, one fact
   * a line. `pc` is this PC's name; `threshold` and `duration` are formatted durations ("5 min").
   */
  telegram: {
    demo: 'DEMO — simulated orders, not real ones',
    orders: (count: number, pc: string, threshold: string) => `${en1(count, 'order', 'orders')} waiting unseen on ${pc} for ${threshold} or more`,
    waited: (duration: string) => `waiting ${duration}`,
    venue: (venue: string) => `venue ${venue}`,
    ordersAdvice: 'Nobody has pressed Seen in the app. Call the counter, or accept the order in Clopos.',
    outage: (pc: string, duration: string) => `Clopos cannot be reached from ${pc} for ${duration}: orders are not being seen.`,
    outageAdvice: 'Watch the POS for new orders until this is fixed.',
    allClear: (pc: string) => `All clear on ${pc}: no order is waiting unseen and Clopos can be reached.`,
    test: (pc: string) => `Test message from the Clopos Order Notifier on ${pc}. If you can read this, its alerts will reach this chat.`,
    late: (time: string) => `(Sent late: written at ${time}.)`,
  },
} as const;

export type Messages = DictionaryOf<typeof en>;
export type TrayMenuLabels = Messages['menu'];

const AZ_KEEPS_TRYING = 'Proqram cəhd etməyə davam edir. Bu vaxt yeni sifarişləri POS-da izləyin.';
const AZ_NEEDS_SETTINGS = 'Bu öz-özünə düzəlməyəcək: Ayarlarda düzəldin. Bu vaxt yeni sifarişləri POS-da izləyin.';
const AZ_NEEDS_RESTART = 'Proqramı yenidən başladın; təkrarlanarsa, jurnalı dəstəyə göndərin. Bu vaxt POS-u izləyin.';

export const az: Messages = {
  windowTitle: 'Clopos sifariş bildirişi',
  windowTitleDemo: 'Clopos sifariş bildirişi — DEMO (nümunə sifarişlər)',
  demo: 'DEMO',

  newOrder: (label) => `Yeni sifariş ${label}`,
  newOrders: (count) => az1(count, 'yeni sifariş'),
  stillWaiting: (count) => `${az1(count, 'sifariş')} hələ gözləyir`,
  escalation: (label, waited) => `Sifariş ${label} ${waited} gözləyir`,
  escalationAdvice: 'Onu indi Clopos-da qəbul edin və ya rədd edin.',
  notificationActions: { acknowledge: 'Gördüm', open: 'Aç' },
  channelName: { callCentre: 'Çağrı mərkəzi', website: 'Veb-sayt' },
  deliveryTypeName: { delivery: 'Çatdırılma', pickup: 'Özü aparır', dineIn: 'Yerində' },
  printProblemTitle: (number) => `${number} sifarişinin çeki çap olunmadı`,
  printProblemBody: 'Printeri yoxlayın (açıqdır, kağızı var, Ayarlar → Çap bölməsində seçilib), sonra proqramda «Yenidən çap et» basın.',
  testTitle: 'Sınaq bildirişi',
  testBody: 'Bunu oxuya və siqnalı eşidə bilirsinizsə, yeni sifarişlər bu kompüterdə sizə çatacaq.',
  items: (count) => az1(count, 'məhsul'),
  andMore: (count) => `və daha ${azNumber.format(count)}`,

  justNow: 'indicə',
  ago: (duration) => `${duration} əvvəl`,
  timeUnknown: 'vaxtı bilinmir',
  firstSeen: (when) => `ilk dəfə ${when} görünüb`,
  totalUnknown: 'məbləğ bilinmir',
  lessThanAMinute: 'bir dəqiqədən az',
  minutes: (minutes) => `${azNumber.format(minutes)} dəq`,
  hours: (hours) => `${azNumber.format(hours)} saat`,
  hoursMinutes: (hours, minutes) => `${azNumber.format(hours)} saat ${azNumber.format(minutes)} dəq`,

  notReceiving: (problem) => `Sifarişlər gəlmir — ${problem}`,
  venueProblem: (venue, problem) => `filial ${venue}: ${problem}`,
  // "vaxtından bəri" avoids a suffix that would have to agree with the digits of the time.
  notReceivingSince: (problem, time) => `Sifarişlər gəlmir — ${problem} (${time} vaxtından bəri)`,
  problem: {
    offline: 'internet yoxdur',
    timeout: 'Clopos cavab vermir',
    auth: 'giriş rədd edildi',
    'rate-limited': 'həddən çox sorğu',
    server: 'Clopos server xətası',
    'bad-response': 'Clopos-dan gözlənilməz cavab',
    'not-found': 'filial və ya brend tapılmadı',
    config: 'quraşdırılmayıb',
    incomplete: 'bəzi gözləyən sifarişlər görünmür',
    unreadable: 'Clopos proqramın oxuya bilmədiyi sifarişlər göndərdi',
    'invalid-request': 'daxili xəta',
    forbidden: 'daxili xəta',
    internal: 'daxili xəta',
  },
  advice: {
    offline: AZ_KEEPS_TRYING,
    timeout: AZ_KEEPS_TRYING,
    'rate-limited': `${AZ_KEEPS_TRYING} Daha az kompüter və ya daha uzun yoxlama aralığı bunun qarşısını alır.`,
    server: AZ_KEEPS_TRYING,
    'bad-response': AZ_KEEPS_TRYING,
    auth: AZ_NEEDS_SETTINGS,
    'not-found': AZ_NEEDS_SETTINGS,
    config: AZ_NEEDS_SETTINGS,
    incomplete: 'Proqramın göstərməyə bilədiyi sifarişlər üçün POS-a baxın. Proqram yenidən cəhd edir.',
    unreadable: 'Proqramın göstərməyə bilədiyi sifarişlər üçün POS-a baxın və jurnal qovluğunu dəstəyə göndərin.',
    'invalid-request': AZ_NEEDS_RESTART,
    forbidden: AZ_NEEDS_RESTART,
    internal: AZ_NEEDS_RESTART,
  },
  // The cause is the client's English text: the advice in the clerk's language comes first.
  problemBody: (cause, advice) => `${advice}\n${cause}`,
  recoveredTitle: 'Sifarişlər yenidən gəlir',
  recoveredBody: (at) => `Bağlantı bərpa olundu: ${at}. Bu müddətdə gələn sifarişlər üçün siyahıya baxın.`,
  recoveredBodyAfter: (at, downSince) =>
    `Bağlantı bərpa olundu: ${at} (${downSince} vaxtından kəsilmişdi). Bu müddətdə gələn sifarişlər üçün siyahıya baxın.`,

  ordersWaiting: (count) => `${az1(count, 'sifariş')} gözləyir`,
  noOrdersWaiting: 'Gözləyən sifariş yoxdur',
  checkingPaused: 'yoxlama dayandırılıb',
  alertsPausedUntil: (time) => `xatırlatmalar ${time}-dək dayandırılıb`,
  mutedUntil: (time) => `BÜTÜN SƏSLƏR ${time}-dək SÖNDÜRÜLÜB`,
  lastCheck: (time) => `son yoxlama ${time}`,
  notCheckedYet: 'hələ yoxlanılmayıb',

  confirmReject: {
    title: 'Sifariş Clopos-da rədd edilsin?',
    message: (order) => `${order} sifarişi rədd edilsin?`,
    detail: 'Clopos onu IGNORE statusuna keçirir və müştəriyə xidmət göstərilmir. Bunu proqramdan geri qaytarmaq olmaz.',
    confirm: 'Sifarişi rədd et',
    cancel: 'Saxla',
  },
  confirmUpdate: {
    title: 'Yeniləmə quraşdırılsın?',
    message: (version) => `Bildirişin ${version} versiyası quraşdırılmağa hazırdır.`,
    detail: 'Proqram təxminən bir dəqiqəlik bağlanır və özü yenidən açılır. Yalnız heç kim sifariş gözləmədikdə quraşdırın.',
    confirm: 'İndi quraşdır',
    cancel: 'Sonra',
  },
  menu: {
    open: 'Aç',
    checkNow: 'İndi yoxla',
    acknowledgeAll: 'Hamısını gördüm',
    pauseAlerts: 'Xatırlatmalara fasilə ver',
    pause15: '15 dəqiqə',
    pause60: '1 saat',
    muteAlerts: 'Bütün səsləri söndür',
    mute5: '5 dəqiqə',
    mute15: '15 dəqiqə',
    resumeAlerts: 'Siqnalları aç',
    startAtLogin: 'Kompüter açılanda başlasın',
    openLogFolder: 'Jurnal qovluğunu aç',
    quit: 'Çıxış',
  },

  // "… kompüterində" keeps the suffix off the PC's name, whose last vowel decides its form.
  telegram: {
    demo: 'DEMO — nümunə sifarişlər, real deyil',
    orders: (count, pc, threshold) => `${pc} kompüterində ${az1(count, 'sifariş')} ${threshold} və daha çox görülmədən gözləyir`,
    waited: (duration) => `${duration} gözləyir`,
    venue: (venue) => `filial ${venue}`,
    ordersAdvice: 'Proqramda heç kim «Gördüm» basmayıb. Kassaya zəng edin və ya sifarişi Clopos-da qəbul edin.',
    outage: (pc, duration) => `${pc} kompüterindən Clopos-a qoşulmaq mümkün deyil (${duration}): sifarişlər görünmür.`,
    outageAdvice: 'Bu problem həll olunana qədər yeni sifarişləri POS-da izləyin.',
    allClear: (pc) => `${pc} kompüterində hər şey qaydasındadır: görülməmiş sifariş yoxdur, Clopos əlçatandır.`,
    test: (pc) => `${pc} kompüterindəki Clopos sifariş bildirişindən sınaq mesajı. Bunu oxuya bilirsinizsə, xəbərdarlıqlar bu çata gələcək.`,
    late: (time) => `(Gecikmə ilə göndərildi: ${time} vaxtında yazılıb.)`,
  },
};

const RU_KEEPS_TRYING = 'Приложение продолжает попытки. Пока следите за новыми заказами на кассе.';
const RU_NEEDS_SETTINGS = 'Само это не исправится: исправьте в настройках. Пока следите за новыми заказами на кассе.';
const RU_NEEDS_RESTART = 'Перезапустите приложение; если повторится, отправьте журнал в поддержку. Пока следите за кассой.';

export const ru: Messages = {
  windowTitle: 'Clopos: уведомления о заказах',
  windowTitleDemo: 'Clopos: уведомления о заказах — ДЕМО (сгенерированные заказы)',
  demo: 'ДЕМО',

  newOrder: (label) => `Новый заказ ${label}`,
  newOrders: (count) => ru3(count, 'новый заказ', 'новых заказа', 'новых заказов'),
  stillWaiting: (count) => ru3(count, 'заказ всё ещё ждёт', 'заказа всё ещё ждут', 'заказов всё ещё ждут'),
  escalation: (label, waited) => `Заказ ${label} ждёт ${waited}`,
  escalationAdvice: 'Примите или отклоните его в Clopos сейчас.',
  notificationActions: { acknowledge: 'Вижу', open: 'Открыть' },
  channelName: { callCentre: 'Колл-центр', website: 'Сайт' },
  deliveryTypeName: { delivery: 'Доставка', pickup: 'Самовывоз', dineIn: 'В заведении' },
  printProblemTitle: (number) => `Чек заказа ${number} не напечатан`,
  printProblemBody: 'Проверьте принтер (включён, есть бумага, выбран в Настройки → Печать), затем нажмите «Напечатать снова» в приложении.',
  testTitle: 'Тестовое уведомление',
  testBody: 'Если вы это читаете и слышите сигнал, новые заказы дойдут до вас на этом компьютере.',
  items: (count) => ru3(count, 'позиция', 'позиции', 'позиций'),
  andMore: (count) => `и ещё ${ruNumber.format(count)}`,

  justNow: 'только что',
  ago: (duration) => `${duration} назад`,
  timeUnknown: 'время неизвестно',
  firstSeen: (when) => `впервые замечен ${when}`,
  totalUnknown: 'сумма неизвестна',
  lessThanAMinute: 'меньше минуты',
  minutes: (minutes) => `${ruNumber.format(minutes)} мин`,
  hours: (hours) => `${ruNumber.format(hours)} ч`,
  hoursMinutes: (hours, minutes) => `${ruNumber.format(hours)} ч ${ruNumber.format(minutes)} мин`,

  notReceiving: (problem) => `Заказы не поступают — ${problem}`,
  venueProblem: (venue, problem) => `заведение ${venue}: ${problem}`,
  notReceivingSince: (problem, time) => `Заказы не поступают — ${problem} с ${time}`,
  problem: {
    offline: 'нет интернета',
    timeout: 'Clopos не отвечает',
    auth: 'вход отклонён',
    'rate-limited': 'слишком много запросов',
    server: 'ошибка сервера Clopos',
    'bad-response': 'неожиданный ответ Clopos',
    'not-found': 'заведение или бренд не найдены',
    config: 'не настроено',
    incomplete: 'часть ожидающих заказов не видна',
    unreadable: 'Clopos прислал заказы, которые приложение не может прочитать',
    'invalid-request': 'внутренняя ошибка',
    forbidden: 'внутренняя ошибка',
    internal: 'внутренняя ошибка',
  },
  advice: {
    offline: RU_KEEPS_TRYING,
    timeout: RU_KEEPS_TRYING,
    'rate-limited': `${RU_KEEPS_TRYING} Меньше компьютеров или более длинный интервал проверки помогут этого избежать.`,
    server: RU_KEEPS_TRYING,
    'bad-response': RU_KEEPS_TRYING,
    auth: RU_NEEDS_SETTINGS,
    'not-found': RU_NEEDS_SETTINGS,
    config: RU_NEEDS_SETTINGS,
    incomplete: 'Проверьте POS: приложение может показывать не все заказы. Приложение повторяет попытки.',
    unreadable: 'Проверьте POS: приложение может показывать не все заказы; отправьте папку журналов в поддержку.',
    'invalid-request': RU_NEEDS_RESTART,
    forbidden: RU_NEEDS_RESTART,
    internal: RU_NEEDS_RESTART,
  },
  // The cause is the client's English text: the advice in the clerk's language comes first.
  problemBody: (cause, advice) => `${advice}\n${cause}`,
  recoveredTitle: 'Заказы снова поступают',
  recoveredBody: (at) => `Связь восстановлена в ${at}. Проверьте список: за это время могли прийти заказы.`,
  recoveredBodyAfter: (at, downSince) =>
    `Связь восстановлена в ${at} (не было с ${downSince}). Проверьте список: за это время могли прийти заказы.`,

  ordersWaiting: (count) => ru3(count, 'заказ ждёт', 'заказа ждут', 'заказов ждут'),
  noOrdersWaiting: 'Нет ожидающих заказов',
  checkingPaused: 'проверка приостановлена',
  alertsPausedUntil: (time) => `напоминания приостановлены до ${time}`,
  mutedUntil: (time) => `ВЕСЬ ЗВУК ВЫКЛЮЧЕН до ${time}`,
  lastCheck: (time) => `проверено ${time}`,
  notCheckedYet: 'ещё не проверялось',

  confirmReject: {
    title: 'Отклонить заказ в Clopos?',
    message: (order) => `Отклонить заказ ${order}?`,
    detail: 'Clopos переведёт его в IGNORE, и клиента не обслужат. Из приложения это не отменить.',
    confirm: 'Отклонить заказ',
    cancel: 'Оставить',
  },
  confirmUpdate: {
    title: 'Установить обновление?',
    message: (version) => `Версия ${version} готова к установке.`,
    detail: 'Приложение закроется примерно на минуту и запустится само. Устанавливайте, только когда никто не ждёт заказа.',
    confirm: 'Установить',
    cancel: 'Не сейчас',
  },
  menu: {
    open: 'Открыть',
    checkNow: 'Проверить сейчас',
    acknowledgeAll: 'Вижу все',
    pauseAlerts: 'Приостановить напоминания',
    pause15: '15 минут',
    pause60: '1 час',
    muteAlerts: 'Выключить весь звук',
    mute5: '5 минут',
    mute15: '15 минут',
    resumeAlerts: 'Включить сигналы',
    startAtLogin: 'Запускать при включении компьютера',
    openLogFolder: 'Открыть папку журналов',
    quit: 'Выход',
  },

  telegram: {
    demo: 'ДЕМО — сгенерированные заказы, не настоящие',
    orders: (count, pc, threshold) => `${ru3(count, 'заказ ждёт', 'заказа ждут', 'заказов ждут')} без внимания на компьютере ${pc} ${threshold} и дольше`,
    waited: (duration) => `ждёт ${duration}`,
    venue: (venue) => `заведение ${venue}`,
    ordersAdvice: 'В приложении никто не нажал «Вижу». Позвоните на кассу или примите заказ в Clopos.',
    outage: (pc, duration) => `Компьютер ${pc} не может связаться с Clopos уже ${duration}: заказы не видны.`,
    outageAdvice: 'Пока это не исправлено, следите за новыми заказами на кассе.',
    allClear: (pc) => `На компьютере ${pc} всё в порядке: непросмотренных заказов нет, Clopos доступен.`,
    test: (pc) => `Тестовое сообщение от уведомлений о заказах Clopos на компьютере ${pc}. Если вы это читаете, оповещения будут приходить в этот чат.`,
    late: (time) => `(Отправлено с задержкой: написано в ${time}.)`,
  },
};

export const DICTIONARIES: Record<Language, Messages> = { en, az, ru };
