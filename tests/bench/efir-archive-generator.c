/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "efir-archive-generator"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "efir-archive-generator.h"
#include "efir-slug.h"
#include "efir-store.h"
#include "efir-transcript-text.h"

/* Types and tables ------------------------------------------------------- */

/*
 * Word lists are ordered from the most to the least frequent and drawn
 * from with a Zipf law, as words of running speech are: a few function
 * words fill most of a transcript, and the tail holds words a search finds
 * in a handful of episodes. Every list carries the letters that folding has
 * to deal with (ə ı ş ç ğ ö ü İ in Azerbaijani, ё in Russian, accents in
 * the names and loanwords of English), in frequent and in rare words.
 */

static const char * const az_words[] = {
  "və", "bu", "bir", "ki", "də", "da", "ilə", "üçün", "o", "çox", "amma", "daha", "olan",
  "var", "yox", "deyil", "biz", "siz", "onlar", "mən", "nə", "necə", "niyə", "hər", "öz",
  "kimi", "sonra", "indi", "artıq", "hələ", "yalnız", "həm", "belə", "bütün", "bizim",
  "onların", "edir", "olur", "olmalıdır", "deyirəm", "düşünürəm", "bilirik", "görürük",
  "lazımdır", "mümkündür", "məsələ", "sual", "cavab", "fikir", "problem", "həll", "qərar",
  "ölkə", "dövlət", "hökumət", "prezident", "nazir", "parlament", "seçki", "siyasət",
  "iqtisadiyyat", "neft", "qaz", "qiymət", "bazar", "bank", "manat", "dollar", "müharibə",
  "sülh", "danışıqlar", "sərhəd", "qonşu", "region", "təhlükəsizlik", "ordu", "sanksiya",
  "ixrac", "idxal", "büdcə", "vergi", "inflyasiya", "məhkəmə", "qanun", "hüquq", "azadlıq",
  "mətbuat", "jurnalist", "cəmiyyət", "vətəndaş", "xalq", "gənclər", "təhsil", "məktəb",
  "universitet", "səhiyyə", "xəstəxana", "həkim", "işsizlik", "maaş", "pensiya", "kənd",
  "şəhər", "paytaxt", "tarix", "mədəniyyət", "dil", "din", "ailə", "qadın", "uşaq",
  "gələcək", "keçmiş", "il", "ay", "gün", "həftə", "vaxt", "zaman", "dünya", "insan",
  "insanlar", "iş", "pul", "yol", "su", "torpaq", "çətin", "asan", "vacib", "mühüm",
  "böyük", "kiçik", "yeni", "köhnə", "güclü", "zəif", "açıq", "doğru", "yanlış", "xarici",
  "daxili", "beynəlxalq", "milli", "iqtisadi", "siyasi", "sosial", "hərbi", "ictimai",
  "rəsmi", "müstəqil", "əsas", "əlbəttə", "şübhəsiz", "məncə", "bəlkə", "həqiqətən",
  "sadəcə", "üstəlik", "çünki", "əgər", "yaxud", "yəni", "həmçinin", "ancaq", "hətta",
  "qarşı", "arasında", "haqqında", "görə", "əvvəl", "ərzində", "müzakirə", "razılaşma",
  "münaqişə", "böhran", "islahat", "inkişaf", "investisiya", "ticarət", "enerji", "boru",
  "kəmər", "liman", "dəhliz", "yük", "daşıma", "miqrasiya", "əhali", "ərazi", "suverenlik",
  "diplomatiya", "səfir", "səfirlik", "görüş", "bəyanat", "açıqlama", "tənqid", "müxalifət",
  "iqtidar", "partiya", "deputat", "qanunvericilik", "korrupsiya", "şəffaflıq", "hesabat",
  "statistika", "rəqəm", "faiz", "artım", "azalma", "ehtiyat", "fond", "gəlir", "xərc",
  "borc", "kredit", "məzənnə", "qızıl", "taxıl", "çörək", "ərzaq", "aqrar", "fermer",
  "sənaye", "zavod", "fəhlə", "həmkarlar", "tətil", "etiraz", "aksiya", "polis", "həbs",
  "ekspert", "təhlil", "proqnoz", "ssenari", "risk", "təhdid", "imkan", "şans", "ümid",
  "qorxu", "etimad", "şübhə", "güzəşt", "tələb", "təklif", "məsuliyyət", "öhdəlik",
  "müqavilə", "saziş", "memorandum", "ittifaq", "tərəfdaş", "müttəfiq", "rəqib", "düşmən",
  "dost", "qardaş", "ağsaqqal", "ziyalı", "alim", "şair", "yazıçı", "rəssam", "musiqi",
  "teatr", "kino", "idman", "futbol", "çempionat", "olimpiada", "göl", "dəniz", "dağ",
  "meşə", "iqlim", "quraqlıq", "sel", "zəlzələ", "ekologiya", "çirklənmə", "tullantı",
  "ağac", "bağ", "üzüm", "nar", "fındıq", "pambıq", "ipək", "xalça", "muğam", "bayatı",
  NULL
};

static const char * const ru_words[] = {
  "и", "в", "не", "на", "что", "с", "это", "как", "а", "по", "но", "к", "у", "из", "за",
  "то", "же", "всё", "ещё", "так", "мы", "вы", "они", "он", "она", "я", "её", "был",
  "была", "было", "будет", "есть", "нет", "только", "уже", "очень", "может", "если",
  "когда", "где", "почему", "чтобы", "или", "даже", "сейчас", "тогда", "потом", "сегодня",
  "вопрос", "ответ", "страна", "государство", "власть", "правительство", "президент",
  "министр", "парламент", "выборы", "политика", "экономика", "нефть", "газ", "цены",
  "рынок", "банк", "рубль", "доллар", "война", "мир", "переговоры", "граница", "соседи",
  "регион", "безопасность", "армия", "санкции", "экспорт", "импорт", "бюджет", "налоги",
  "инфляция", "суд", "закон", "право", "свобода", "пресса", "журналист", "общество",
  "гражданин", "народ", "молодёжь", "образование", "школа", "университет",
  "здравоохранение", "больница", "врач", "безработица", "зарплата", "пенсия", "деревня",
  "город", "столица", "история", "культура", "язык", "религия", "семья", "женщина",
  "ребёнок", "будущее", "прошлое", "год", "месяц", "день", "неделя", "время", "люди",
  "человек", "работа", "деньги", "дорога", "вода", "земля", "трудный", "простой",
  "важный", "большой", "маленький", "новый", "старый", "сильный", "слабый", "открытый",
  "внешний", "внутренний", "международный", "национальный", "экономический",
  "политический", "социальный", "военный", "официальный", "независимый", "главный",
  "конечно", "наверное", "действительно", "просто", "потому", "тоже", "также", "однако",
  "против", "между", "после", "перед", "обсуждение", "соглашение", "конфликт", "кризис",
  "реформа", "развитие", "инвестиции", "торговля", "энергетика", "трубопровод", "порт",
  "коридор", "груз", "перевозки", "миграция", "население", "территория", "суверенитет",
  "дипломатия", "посол", "посольство", "встреча", "заявление", "критика", "оппозиция",
  "партия", "депутат", "коррупция", "прозрачность", "отчёт", "статистика", "процент",
  "рост", "снижение", "резервы", "фонд", "доходы", "расходы", "долг", "кредит", "курс",
  "золото", "зерно", "хлеб", "продовольствие", "промышленность", "завод", "рабочий",
  "забастовка", "протест", "полиция", "арест", "эксперт", "анализ", "прогноз",
  "сценарий", "риск", "угроза", "возможность", "надежда", "страх", "доверие", "сомнение",
  "уступка", "требование", "предложение", "ответственность", "обязательство", "договор",
  "союз", "партнёр", "союзник", "соперник", "учёный", "решённый", "подчёркивать",
  "лёгкий", "тяжёлый", "объём", "приём", "подъём", "пришёл", "нашёл", "счёт", "театр",
  "кино", "спорт", "футбол", "чемпионат", "озеро", "море", "гора", "лес", "климат",
  "засуха", "наводнение", "землетрясение", "экология", "загрязнение", "отходы", "дерево",
  "ёлка", "сад", "виноград", "гранат", "фундук", "хлопок", "шёлк", "ковёр", "мугам",
  "ёлки", "елки",
  NULL
};

static const char * const en_words[] = {
  "the", "of", "and", "to", "a", "in", "that", "is", "it", "for", "on", "with", "as", "we",
  "this", "be", "are", "was", "not", "but", "they", "have", "what", "about", "there",
  "their", "which", "more", "will", "can", "very", "now", "so", "if", "when", "why", "how",
  "think", "know", "see", "say", "people", "question", "answer", "country", "state",
  "government", "president", "minister", "parliament", "election", "elections", "policy",
  "politics", "economy", "oil", "gas", "prices", "market", "bank", "currency", "dollar",
  "war", "peace", "talks", "negotiations", "border", "neighbours", "region", "security",
  "army", "sanctions", "exports", "imports", "budget", "taxes", "inflation", "court", "law",
  "rights", "freedom", "press", "journalist", "society", "citizens", "youth", "education",
  "school", "university", "health", "hospital", "doctor", "unemployment", "wages",
  "pension", "village", "city", "capital", "history", "culture", "language", "religion",
  "family", "women", "children", "future", "past", "year", "month", "day", "week", "time",
  "world", "work", "money", "road", "water", "land", "difficult", "simple", "important",
  "big", "small", "new", "old", "strong", "weak", "open", "foreign", "domestic",
  "international", "national", "economic", "political", "social", "military", "official",
  "independent", "main", "certainly", "perhaps", "really", "simply", "because", "also",
  "however", "against", "between", "after", "before", "debate", "agreement", "conflict",
  "crisis", "reform", "development", "investment", "trade", "energy", "pipeline", "port",
  "corridor", "cargo", "transport", "migration", "population", "territory", "sovereignty",
  "diplomacy", "ambassador", "embassy", "meeting", "statement", "criticism", "opposition",
  "party", "corruption", "transparency", "report", "statistics", "percent", "growth",
  "decline", "reserves", "fund", "revenue", "spending", "debt", "credit", "exchange",
  "gold", "grain", "bread", "food", "industry", "factory", "workers", "strike", "protest",
  "police", "arrest", "expert", "analysis", "forecast", "scenario", "risk", "threat",
  "opportunity", "hope", "fear", "trust", "doubt", "concession", "demand", "proposal",
  "responsibility", "commitment", "treaty", "alliance", "partner", "ally", "rival",
  "détente", "rapprochement", "régime", "élite", "coup", "café", "naïve", "façade",
  "theatre", "cinema", "sport", "football", "championship", "lake", "sea", "mountain",
  "forest", "climate", "drought", "flood", "earthquake", "ecology", "pollution", "waste",
  "tree", "garden", "grapes", "pomegranate", "hazelnut", "cotton", "silk", "carpet",
  "mugham",
  NULL
};

static const char * const az_places[] = {
  "İran", "Rusiya", "Türkiyə", "Gürcüstan", "Ermənistan", "Avropa", "Amerika", "Çin",
  "Ukrayna", "Qarabağ", "Bakı", "Gəncə", "Şuşa", "Xəzər", "Moskva", "Tehran", "Ankara",
  "Brüssel", "Vaşinqton", "Naxçıvan", NULL
};

static const char * const ru_places[] = {
  "Иран", "Россия", "Турция", "Грузия", "Армения", "Европа", "Америка", "Китай",
  "Украина", "Карабах", "Баку", "Гянджа", "Шуша", "Каспий", "Москва", "Тегеран", "Анкара",
  "Брюссель", "Вашингтон", "Нахчыван", NULL
};

static const char * const en_places[] = {
  "Iran", "Russia", "Turkey", "Georgia", "Armenia", "Europe", "America", "China", "Ukraine",
  "Karabakh", "Baku", "Ganja", "Shusha", "the Caspian", "Moscow", "Tehran", "Ankara",
  "Brussels", "Washington", "Nakhchivan", NULL
};

static const char * const az_topics[] = {
  "neft qiymətləri", "seçkilər", "sanksiyalar", "danışıqlar", "inflyasiya",
  "təhsil islahatı", "səhiyyə", "pensiyalar", "miqrasiya", "sərhəd", "təhlükəsizlik",
  "mətbuat azadlığı", "işsizlik", "enerji", "ticarət", "korrupsiya", "iqlim dəyişikliyi",
  "Orta Dəhliz", NULL
};

static const char * const ru_topics[] = {
  "цены на нефть", "выборы", "санкции", "переговоры", "инфляция", "реформа образования",
  "здравоохранение", "пенсии", "миграция", "граница", "безопасность", "свобода прессы",
  "безработица", "энергетика", "торговля", "коррупция", "изменение климата",
  "Средний коридор", NULL
};

static const char * const en_topics[] = {
  "oil prices", "elections", "sanctions", "peace talks", "inflation", "school reform",
  "health care", "pensions", "migration", "the border", "security", "press freedom",
  "unemployment", "energy", "trade", "corruption", "climate change", "the Middle Corridor",
  NULL
};

/* {P} and {Q} are two different places, {T} the topic. */
static const char * const az_titles[] = {
  "{P} və {Q} arasında {T}", "{T}: {P} nə istəyir?", "{P} və {T}", "{T} niyə gündəmdədir?",
  "{T}: çətin sual", "{T} və gələcək", "{P}, {Q} və {T}", "{T}: kim qazanır, kim itirir?",
  NULL
};

static const char * const ru_titles[] = {
  "{P} и {Q}: {T}", "{T}: чего хочет {P}?", "{P} и {T}", "{T}: почему это важно?",
  "{T}: трудный вопрос", "{T} и будущее", "{P}, {Q} и {T}",
  "{T}: кто выигрывает, кто проигрывает?", NULL
};

static const char * const en_titles[] = {
  "{P} and {Q}: {T}", "{T}: what does {P} want?", "{P} and {T}", "{T}: why it matters",
  "{T}: a difficult question", "{T} and the future", "{P}, {Q} and {T}",
  "{T}: who wins, who loses?", NULL
};

static const char * const az_roles[] = {
  "Siyasi şərhçi", "İqtisadçı", "Jurnalist", "Hüquqşünas", "Tarixçi", "Deputat",
  "Politoloq", "Hərbi ekspert", "Sosioloq", "Enerji eksperti", NULL
};

static const char * const ru_roles[] = {
  "Политолог", "Экономист", "Журналист", "Юрист", "Историк", "Депутат",
  "Военный эксперт", "Социолог", "Эксперт по энергетике", "Учёный", NULL
};

static const char * const en_roles[] = {
  "Political commentator", "Economist", "Journalist", "Lawyer", "Historian",
  "Member of parliament", "Military analyst", "Sociologist", "Energy analyst",
  "Researcher", NULL
};

static const char * const az_male[] = {
  "İlham", "Elnur", "Rauf", "Tural", "Orxan", "Vüqar", "Səməd", "Nicat", "Rəşad", "Fuad",
  "Elçin", "Anar", "Kamran", "Zaur", "Ramil", "Şahin", "Ülvi", "Cavid", "Emin", "Fərid",
  "Nəsimi", "Toğrul", "Çingiz", NULL
};

static const char * const az_female[] = {
  "Günay", "Aynur", "Səbinə", "Ülkər", "Leyla", "Aytən", "Könül", "Şəbnəm", "Gülnar",
  "Nigar", "Fidan", "Lalə", "Aygün", "Səidə", "Gülər", "Xədicə", "Çiçək", "Nərgiz", NULL
};

/* Surnames in pairs: the man's form, then the woman's. */
static const char * const az_surnames[] = {
  "Əliyev", "Əliyeva", "Məmmədov", "Məmmədova", "Hüseynov", "Hüseynova",
  "Həsənov", "Həsənova", "Quliyev", "Quliyeva", "İsmayılov", "İsmayılova",
  "Abbasov", "Abbasova", "Cəfərov", "Cəfərova", "Rəhimov", "Rəhimova",
  "Süleymanov", "Süleymanova", "Babayev", "Babayeva", "Qasımov", "Qasımova",
  "Nəsirov", "Nəsirova", "Ağayev", "Ağayeva", "Musayev", "Musayeva",
  "Məmmədli", "Məmmədli", "Əhmədli", "Əhmədli", "Hacıbəyli", "Hacıbəyli",
  "Sultanlı", "Sultanlı", "Əlizadə", "Əlizadə", "Hüseynzadə", "Hüseynzadə",
  "Bağırzadə", "Bağırzadə", "Şirinli", "Şirinli", "Göyçaylı", "Göyçaylı", NULL
};

static const char * const ru_male[] = {
  "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Артём", "Фёдор", "Пётр", "Игорь",
  "Олег", "Николай", "Владимир", "Юрий", "Константин", "Семён", "Илья", NULL
};

static const char * const ru_female[] = {
  "Алёна", "Ольга", "Наталья", "Елена", "Татьяна", "Ирина", "Мария", "Анна", "Светлана",
  "Юлия", "Дарья", "Ксения", "Людмила", NULL
};

static const char * const ru_surnames[] = {
  "Иванов", "Иванова", "Смирнов", "Смирнова", "Кузнецов", "Кузнецова", "Попов", "Попова",
  "Соколов", "Соколова", "Лебедев", "Лебедева", "Козлов", "Козлова", "Новиков", "Новикова",
  "Морозов", "Морозова", "Волков", "Волкова", "Ёлкин", "Ёлкина", "Орлов", "Орлова",
  "Семёнов", "Семёнова", "Фёдоров", "Фёдорова", "Королёв", "Королёва", "Журавлёв",
  "Журавлёва", "Ковальчук", "Ковальчук", "Шевченко", "Шевченко", "Алиев", "Алиева",
  "Мамедов", "Мамедова", NULL
};

static const char * const en_male[] = {
  "John", "James", "Michael", "David", "Thomas", "Daniel", "Peter", "Mark", "José",
  "Andrew", NULL
};

static const char * const en_female[] = {
  "Sarah", "Emily", "Laura", "Rachel", "Olivia", "Helen", "Anna", "Chloë", "Zoë", "Renée",
  NULL
};

static const char * const en_surnames[] = {
  "Smith", "Smith", "Johnson", "Johnson", "Williams", "Williams", "Brown", "Brown",
  "Jones", "Jones", "Miller", "Miller", "Davis", "Davis", "Wilson", "Wilson", "Taylor",
  "Taylor", "Clark", "Clark", "Walker", "Walker", "Young", "Young", "King", "King",
  "Wright", "Wright", "Green", "Green", "Baker", "Baker", "Hall", "Hall", "Evans", "Evans",
  "O'Brien", "O'Brien", "Müller", "Müller", "Dubois", "Dubois", "García", "García",
  "Novák", "Nováková", NULL
};

/* Guests from Azerbaijan, as the English-language press spells them. */
static const char * const en_az_male[] = {
  "Nasimi", "Rashad", "Elnur", "Tural", "Ilham", "Farid", "Kamran", NULL
};

static const char * const en_az_female[] = {
  "Leyla", "Gunel", "Aytan", "Sabina", "Nigar", "Ulkar", NULL
};

static const char * const en_az_surnames[] = {
  "Mammadov", "Mammadova", "Mammadli", "Mammadli", "Aliyev", "Aliyeva", "Huseynov",
  "Huseynova", "Hasanov", "Hasanova", "Guliyev", "Guliyeva", "Ismayilov", "Ismayilova",
  "Jafarov", "Jafarova", "Ahmadli", "Ahmadli", NULL
};

typedef struct
{
  const char * const *male;
  const char * const *female;
  const char * const *surnames;
  guint               n_people;
} NamePool;

static const NamePool az_pools[] = { { az_male, az_female, az_surnames, 99 } };
static const NamePool ru_pools[] = { { ru_male, ru_female, ru_surnames, 100 } };
static const NamePool en_pools[] = {
  { en_male, en_female, en_surnames, 70 },
  { en_az_male, en_az_female, en_az_surnames, 30 },
};

typedef struct
{
  const char         *code;
  const char         *program_name;
  const char         *description;
  const char         *host;
  const char         *hashtag;
  const char         *page;          /* the programme's Facebook page */
  double              share;         /* of the archive's episodes */
  const char * const *words;
  const char * const *places;
  const char * const *topics;
  const char * const *titles;
  const char * const *roles;
  const NamePool     *pools;
  guint               n_pools;
  /* Put last in the directory, so that, guests being drawn with a Zipf law
   * as well, it is the rarest name of the archive.
   */
  const char         *rare_person;
  const char         *intro;         /* the host's first words: {N} programme, {T} topic */
  const char         *summary_intro; /* {T} topic, {G} guests */
  const char         *long_title;    /* {T} topic */
} Language;

static const Language languages[] = {
  {
    "az", "Çətin sual", "Həftənin ən çətin sualları, onları cavablandıra bilənlərlə.",
    "Aqil Bəşirli", "#ÇətinSual", "cetinsual", 0.45,
    az_words, az_places, az_topics, az_titles, az_roles, az_pools, G_N_ELEMENTS (az_pools),
    "Nərgiz Şəkili",
    "Xoş gördük, hörmətli tamaşaçılar. Efirdə «{N}» verilişidir, bu gün mövzumuz: {T}.",
    "Bu buraxılışda mövzu: {T}. Qonaqlar: {G}.",
    "Xüsusi buraxılış, üç saat: {T}",
  },
  {
    "ru", "Трудный вопрос", "Самые трудные вопросы недели и те, кто может на них ответить.",
    "Вера Ростова", "#ТрудныйВопрос", "trudnyvopros", 0.35,
    ru_words, ru_places, ru_topics, ru_titles, ru_roles, ru_pools, G_N_ELEMENTS (ru_pools),
    NULL,
    "Добрый вечер, в эфире программа «{N}», и сегодня наша тема: {T}.",
    "Тема выпуска: {T}. Гости: {G}.",
    "Специальный выпуск, три часа: {T}",
  },
  {
    "en", "Difficult Question", "The week's most difficult questions, and people who can answer them.",
    "Helen Marsh", "#DifficultQuestion", "difficultquestion", 0.20,
    en_words, en_places, en_topics, en_titles, en_roles, en_pools, G_N_ELEMENTS (en_pools),
    NULL,
    "Good evening and welcome to {N}. Tonight our subject is {T}.",
    "This episode: {T}. Guests: {G}.",
    "Special edition, three hours: {T}",
  },
};

#define N_LANGUAGES G_N_ELEMENTS (languages)

/* Word counts, segment lengths and pace of the two kinds of episode. */
#define EPISODE_WORDS            6000
#define EPISODE_SEGMENT_WORDS    20
#define EPISODE_SECONDS_PER_WORD 0.38
#define LONG_WORDS               30000
#define LONG_SEGMENT_WORDS       10
#define LONG_SECONDS_PER_WORD    0.32
#define SUMMARY_WORDS            120

typedef struct
{
  double *cumulative;
  guint   n;
} Zipf;

typedef struct
{
  const Language *language;
  guint           n_words;
  guint           n_places;
  guint           n_topics;
  guint           n_titles;
  guint           n_roles;
  Zipf            words;
  Zipf            guests;
  GPtrArray      *people;     /* EfirPerson, most invited first */
  gint64          program_id;
} LanguageState;

typedef struct
{
  GRand         *rand;
  LanguageState  states[N_LANGUAGES];
} Generator;

/* Running text: where the current sentence stands. */
typedef struct
{
  Generator     *gen;
  LanguageState *state;
  const char    *topic;
  guint          sentence_left;
} Prose;

/* Helpers ---------------------------------------------------------------- */

static void
zipf_init (Zipf  *zipf,
           guint  n)
{
  double total = 0;

  zipf->n = n;
  zipf->cumulative = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      total += 1.0 / (i + 1);
      zipf->cumulative[i] = total;
    }
}

static guint
zipf_pick (Zipf  *zipf,
           GRand *rand)
{
  double u = g_rand_double (rand) * zipf->cumulative[zipf->n - 1];
  guint lo = 0;
  guint hi = zipf->n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (zipf->cumulative[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

/* Time codes as subtitle files give them, to the millisecond. */
static double
round_ms (double seconds)
{
  return floor (seconds * 1000 + 0.5) / 1000;
}

/* Sentence case: Azerbaijani has its own capital of i (İ) and of ı (I). */
static void
append_capitalized (GString    *out,
                    const char *word,
                    gboolean    azerbaijani)
{
  gunichar c = g_utf8_get_char (word);

  if (azerbaijani && c == 'i')
    c = 0x0130;
  else if (azerbaijani && c == 0x0131)
    c = 'I';
  else
    c = g_unichar_toupper (c);

  g_string_append_unichar (out, c);
  g_string_append (out, g_utf8_next_char (word));
}

static char *
capitalize (const char *text,
            gboolean    azerbaijani)
{
  GString *out = g_string_sized_new (strlen (text) + 1);

  append_capitalized (out, text, azerbaijani);
  return g_string_free (out, FALSE);
}

/* Fills {X} placeholders; @values pairs each letter with its text. */
static char *
fill_template (const char  *template,
               const char  *letters,
               const char **values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      const char *letter;

      if (p[0] == '{' && p[1] != '\0' && p[2] == '}' && (letter = strchr (letters, p[1])))
        {
          g_string_append (out, values[letter - letters]);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static const char *
next_word (Prose *prose)
{
  GRand *rand = prose->gen->rand;
  LanguageState *state = prose->state;
  double r = g_rand_double (rand);

  if (r < 0.012 && prose->topic != NULL)
    return prose->topic;
  if (r < 0.04)
    return pick (rand, state->language->places, state->n_places);
  if (r < 0.042)
    return efir_person_get_name (g_ptr_array_index (state->people,
                                                    zipf_pick (&state->guests, rand)));

  return state->language->words[zipf_pick (&state->words, rand)];
}

/* Appends @n_words words of running text to @out, the last one closing its
 * sentence, so that a segment never ends in the middle of one.
 */
static void
prose_append (Prose    *prose,
              GString  *out,
              guint     n_words,
              gboolean  question)
{
  GRand *rand = prose->gen->rand;
  gboolean azerbaijani = g_str_equal (prose->state->language->code, "az");

  for (guint i = 0; i < n_words; i++)
    {
      gboolean starts = prose->sentence_left == 0;
      const char *word = next_word (prose);

      if (starts)
        prose->sentence_left = g_rand_int_range (rand, 6, 16);

      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');

      if (starts)
        append_capitalized (out, word, azerbaijani);
      else
        g_string_append (out, word);

      if (--prose->sentence_left == 0 || i + 1 == n_words)
        {
          prose->sentence_left = 0;
          g_string_append_c (out, question && i + 1 == n_words ? '?' : '.');
        }
      else if (chance (rand, 0.07))
        g_string_append_c (out, ',');
    }
}

static char *
make_prose (Prose *prose,
            guint  n_words)
{
  GString *out = g_string_sized_new (n_words * 8);

  prose->sentence_left = 0;
  prose_append (prose, out, n_words, FALSE);
  return g_string_free (out, FALSE);
}

static char *
random_token (GRand *rand,
              guint  length)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  char *token = g_new (char, length + 1);

  for (guint i = 0; i < length; i++)
    token[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  token[length] = '\0';

  return token;
}

static void
build_directory (Generator     *gen,
                 LanguageState *state)
{
  const Language *language = state->language;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  state->people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint p = 0; p < language->n_pools; p++)
    {
      const NamePool *pool = &language->pools[p];
      guint n_male = g_strv_length ((char **) pool->male);
      guint n_female = g_strv_length ((char **) pool->female);
      guint n_surnames = g_strv_length ((char **) pool->surnames) / 2;
      guint added = 0;

      while (added < pool->n_people)
        {
          gboolean female = chance (gen->rand, 0.4);
          const char *first = female ? pick (gen->rand, pool->female, n_female)
                                     : pick (gen->rand, pool->male, n_male);
          guint s = g_rand_int_range (gen->rand, 0, n_surnames);
          char *name = g_strdup_printf ("%s %s", first, pool->surnames[2 * s + (female ? 1 : 0)]);
          EfirPerson *person;

          if (g_hash_table_contains (names, name))
            {
              g_free (name);
              continue;
            }

          g_hash_table_add (names, name);
          person = efir_person_new (name);
          efir_person_set_default_role (person, pick (gen->rand, language->roles, state->n_roles));
          g_ptr_array_add (state->people, person);
          added++;
        }
    }

  /* Pools are filled one after the other; who is invited most must not
   * depend on that.
   */
  for (guint i = state->people->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (gen->rand, 0, i + 1);
      gpointer tmp = state->people->pdata[i];

      state->people->pdata[i] = state->people->pdata[j];
      state->people->pdata[j] = tmp;
    }

  if (language->rare_person != NULL)
    {
      EfirPerson *person = efir_person_new (language->rare_person);

      efir_person_set_default_role (person, language->roles[4]);
      g_ptr_array_add (state->people, person);
    }

  zipf_init (&state->guests, state->people->len);

  for (guint i = 0; i < state->people->len; i++)
    {
      Prose prose = { gen, state, NULL, 0 };
      EfirPerson *person = g_ptr_array_index (state->people, i);
      g_autofree char *bio = make_prose (&prose, 18);

      efir_person_set_bio (person, bio);
    }
}

static Generator *
generator_new (guint32 seed)
{
  Generator *gen = g_new0 (Generator, 1);

  gen->rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < N_LANGUAGES; i++)
    {
      LanguageState *state = &gen->states[i];

      state->language = &languages[i];
      state->n_words = g_strv_length ((char **) languages[i].words);
      state->n_places = g_strv_length ((char **) languages[i].places);
      state->n_topics = g_strv_length ((char **) languages[i].topics);
      state->n_titles = g_strv_length ((char **) languages[i].titles);
      state->n_roles = g_strv_length ((char **) languages[i].roles);
      zipf_init (&state->words, state->n_words);
      build_directory (gen, state);
    }

  return gen;
}

static void
generator_free (Generator *gen)
{
  for (guint i = 0; i < N_LANGUAGES; i++)
    {
      g_free (gen->states[i].words.cumulative);
      g_free (gen->states[i].guests.cumulative);
      g_ptr_array_unref (gen->states[i].people);
    }

  g_rand_free (gen->rand);
  g_free (gen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Generator, generator_free)

/* Host questions and guest answers, @n_words in all after the host's
 * opening words; returns the segments (EfirSegment).
 */
static GPtrArray *
make_transcript (Generator     *gen,
                 LanguageState *state,
                 const char    *topic,
                 GListModel    *guests,
                 guint          n_words,
                 guint          segment_words,
                 double         seconds_per_word)
{
  const Language *language = state->language;
  const char *intro_values[] = { language->program_name, topic };
  g_autofree char *intro = fill_template (language->intro, "NT", intro_values);
  GPtrArray *segments = g_ptr_array_new_with_free_func (g_object_unref);
  Prose prose = { gen, state, topic, 0 };
  g_autofree char *guest = NULL;
  guint answers_left = 0;
  guint written = 0;
  double t = round_ms (seconds_per_word * 14);

  g_ptr_array_add (segments, efir_segment_new (0, t, language->host, intro));

  while (written < n_words)
    {
      g_autoptr(GString) text = g_string_sized_new (segment_words * 9);
      gboolean question = answers_left == 0;
      guint n = g_rand_int_range (gen->rand, segment_words - segment_words / 2,
                                  segment_words + segment_words / 2 + 1);
      double start;
      double end;
      const char *speaker;

      if (question)
        {
          g_autoptr(EfirEpisodeGuest) next = g_list_model_get_item (
            guests, g_rand_int_range (gen->rand, 0, g_list_model_get_n_items (guests)));

          speaker = language->host;
          g_free (guest);
          guest = g_strdup (efir_episode_guest_get_name (next));
          answers_left = g_rand_int_range (gen->rand, 1, 5);
        }
      else
        {
          speaker = guest;
          answers_left--;
        }

      n = MIN (n, n_words - written);
      prose_append (&prose, text, n, question);
      written += n;

      start = round_ms (t + g_rand_double_range (gen->rand, 0.1, 0.6));
      end = round_ms (start + n * seconds_per_word * g_rand_double_range (gen->rand, 0.85, 1.15));
      g_ptr_array_add (segments, efir_segment_new (start, end, speaker, text->str));
      t = end;
    }

  return segments;
}

static char *
make_title (Generator     *gen,
            LanguageState *state,
            const char    *place,
            const char    *other_place,
            const char    *topic,
            gboolean       long_edition)
{
  const Language *language = state->language;
  const char *values[] = { place, other_place, topic };
  const char *template = long_edition ? language->long_title
                                      : pick (gen->rand, language->titles, state->n_titles);
  g_autofree char *filled = fill_template (template, "PQT", values);

  return capitalize (filled, g_str_equal (language->code, "az"));
}

/* Names in the directory are unique. */
static gboolean
same_guest_name (gconstpointer a,
                 gconstpointer b)
{
  return g_str_equal (efir_episode_guest_get_name ((EfirEpisodeGuest *) a),
                      efir_episode_guest_get_name ((EfirEpisodeGuest *) b));
}

/* Mostly two guests; the same commentators come back often. */
static void
add_guests (Generator     *gen,
            LanguageState *state,
            EfirEpisode   *episode,
            gboolean       long_edition)
{
  GListStore *guests = efir_episode_get_guests (episode);
  double r = g_rand_double (gen->rand);
  guint n_guests = long_edition ? 3 : r < 0.3 ? 1 : r < 0.8 ? 2 : 3;

  while (g_list_model_get_n_items (G_LIST_MODEL (guests)) < n_guests)
    {
      EfirPerson *person = g_ptr_array_index (state->people,
                                              zipf_pick (&state->guests, gen->rand));
      g_autoptr(EfirEpisodeGuest) guest = NULL;
      guint position;

      guest = efir_episode_guest_new (efir_person_get_name (person),
                                      efir_person_get_default_role (person));
      if (g_list_store_find_with_equal_func (guests, guest, same_guest_name, &position))
        continue;

      efir_episode_guest_set_person_id (guest, efir_person_get_id (person));
      g_list_store_append (guests, guest);
    }
}

/* "Name (role), Name (role)", as a summary introduces the guests. */
static char *
describe_guests (EfirEpisode *episode)
{
  GListModel *guests = G_LIST_MODEL (efir_episode_get_guests (episode));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr(EfirEpisodeGuest) guest = g_list_model_get_item (guests, i);

      g_string_append_printf (out, "%s%s (%s)", i > 0 ? ", " : "",
                              efir_episode_guest_get_name (guest),
                              efir_episode_guest_get_role (guest));
    }

  return g_string_free (out, FALSE);
}

/* Quotes are lines the guests said, from where they said them. */
static void
add_quotes (Generator      *gen,
            const Language *language,
            EfirEpisode    *episode,
            GPtrArray      *transcript,
            guint           n_quotes)
{
  GListStore *quotes = efir_episode_get_quotes (episode);

  for (guint added = 0, attempts = 0; added < n_quotes && attempts < 1000; attempts++)
    {
      EfirSegment *segment =
        g_ptr_array_index (transcript, g_rand_int_range (gen->rand, 1, transcript->len));
      g_autoptr(EfirQuote) quote = NULL;

      if (g_str_equal (efir_segment_get_speaker (segment), language->host))
        continue;

      quote = efir_quote_new (efir_segment_get_text (segment), efir_segment_get_speaker (segment),
                              efir_segment_get_start (segment));
      efir_quote_set_pull_quote (quote, added == 0);
      g_list_store_append (quotes, quote);
      added++;
    }
}

/* Two paragraphs of Markdown: what and who, then the argument. */
static char *
make_summary (Prose      *prose,
              const char *topic,
              const char *guests)
{
  const char *values[] = { topic, guests };
  g_autofree char *intro = fill_template (prose->state->language->summary_intro, "TG", values);
  g_autofree char *first = make_prose (prose, SUMMARY_WORDS / 2);
  g_autofree char *second = make_prose (prose, SUMMARY_WORDS / 2 - 10);

  return g_strdup_printf ("%s %s\n\n%s", intro, first, second);
}

/* The topic and the places of the title, then others, 2–5 in all. */
static void
set_tags (Generator     *gen,
          LanguageState *state,
          EfirEpisode   *episode,
          const char    *topic,
          const char    *place,
          const char    *other_place)
{
  const Language *language = state->language;
  gboolean azerbaijani = g_str_equal (language->code, "az");
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  guint n_tags = g_rand_int_range (gen->rand, 2, 6);

  g_ptr_array_add (tags, capitalize (topic, azerbaijani));
  g_ptr_array_add (tags, g_strdup (place));
  g_ptr_array_add (tags, g_strdup (other_place));

  while (tags->len < n_tags)
    {
      const char *extra = chance (gen->rand, 0.5)
                            ? pick (gen->rand, language->places, state->n_places)
                            : pick (gen->rand, language->topics, state->n_topics);
      g_autofree char *tag = capitalize (extra, azerbaijani);
      gboolean taken = FALSE;

      for (guint i = 0; i < tags->len; i++)
        taken |= g_str_equal (g_ptr_array_index (tags, i), tag);
      if (!taken)
        g_ptr_array_add (tags, g_steal_pointer (&tag));
    }

  /* Two tags leave out the second place. */
  g_ptr_array_set_size (tags, n_tags);
  g_ptr_array_add (tags, NULL);
  efir_episode_set_tags (episode, (const char * const *) tags->pdata);
}

static void
add_links (Generator      *gen,
           const Language *language,
           EfirEpisode    *episode)
{
  GListStore *links = efir_episode_get_social_links (episode);
  g_autofree char *video_id = random_token (gen->rand, 11);
  g_autofree char *video_url = g_strdup_printf ("https://www.youtube.com/watch?v=%s", video_id);
  g_autofree char *facebook_url = NULL;
  g_autoptr(EfirSocialLink) youtube = NULL;
  g_autoptr(EfirSocialLink) facebook = NULL;
  gint64 facebook_id;

  /* Facebook video ids have 15 to 17 digits. */
  facebook_id = (gint64) g_rand_int_range (gen->rand, 100000000, G_MAXINT32) * 10000000;
  facebook_id += g_rand_int_range (gen->rand, 0, 10000000);
  facebook_url = g_strdup_printf ("https://www.facebook.com/%s/videos/%" G_GINT64_FORMAT,
                                  language->page, facebook_id);

  efir_episode_set_video_url (episode, video_url);

  youtube = efir_social_link_new (video_url, "youtube");
  facebook = efir_social_link_new (facebook_url, "facebook");
  g_list_store_append (links, youtube);
  g_list_store_append (links, facebook);

  if (chance (gen->rand, 0.5))
    {
      g_autofree char *reel = random_token (gen->rand, 11);
      g_autofree char *url = g_strdup_printf ("https://www.instagram.com/reel/%s/", reel);
      g_autoptr(EfirSocialLink) instagram = efir_social_link_new (url, "instagram");

      g_list_store_append (links, instagram);
    }
}

static EfirEpisode *
make_episode (Generator     *gen,
              LanguageState *state,
              gint64         program_id,
              guint          n_words,
              guint          segment_words,
              double         seconds_per_word,
              gboolean       long_edition)
{
  const Language *language = state->language;
  GRand *rand = gen->rand;
  g_autoptr(EfirEpisode) episode = efir_episode_new ();
  g_autoptr(GPtrArray) transcript = NULL;
  g_autofree char *title = NULL;
  g_autofree char *guests = NULL;
  g_autofree char *summary = NULL;
  const char *place = pick (rand, language->places, state->n_places);
  const char *topic = pick (rand, language->topics, state->n_topics);
  const char *other_place;
  Prose prose = { gen, state, topic, 0 };
  EfirSegment *last;

  do
    other_place = pick (rand, language->places, state->n_places);
  while (other_place == place);

  efir_episode_freeze_changed (episode);

  title = make_title (gen, state, place, other_place, topic, long_edition);
  efir_episode_set_program_id (episode, program_id);
  efir_episode_set_program_name (episode, language->program_name);
  efir_episode_set_title (episode, title);

  add_guests (gen, state, episode, long_edition);

  transcript = make_transcript (gen, state, topic,
                                G_LIST_MODEL (efir_episode_get_guests (episode)), n_words,
                                segment_words, seconds_per_word);
  last = g_ptr_array_index (transcript, transcript->len - 1);
  efir_episode_set_duration (episode, (int) ceil (efir_segment_get_end (last)));

  add_quotes (gen, language, episode, transcript,
              long_edition ? 5 : (guint) g_rand_int_range (rand, 2, 6));
  efir_episode_set_transcript (episode, transcript);

  guests = describe_guests (episode);
  summary = make_summary (&prose, topic, guests);
  efir_episode_set_summary (episode, summary);

  set_tags (gen, state, episode, topic, place, other_place);
  add_links (gen, language, episode);

  efir_episode_thaw_changed (episode);

  return g_steal_pointer (&episode);
}

static gboolean
save_directory (EfirStore  *store,
                Generator  *gen,
                GError    **error)
{
  for (guint i = 0; i < N_LANGUAGES; i++)
    {
      LanguageState *state = &gen->states[i];
      const Language *language = state->language;
      g_autoptr(EfirProgram) program = efir_program_new (language->program_name);
      const char *hosts[] = { language->host, NULL };
      const char *hashtags[] = { language->hashtag, NULL };

      efir_program_set_language (program, language->code);
      efir_program_set_time_zone (program, "Asia/Baku");
      efir_program_set_description (program, language->description);
      efir_program_set_hosts (program, hosts);
      efir_program_set_hashtags (program, hashtags);
      if (!efir_store_save_program (store, program, error))
        return FALSE;
      state->program_id = efir_program_get_id (program);

      for (guint p = 0; p < state->people->len; p++)
        if (!efir_store_save_person (store, g_ptr_array_index (state->people, p), error))
          return FALSE;
    }

  return TRUE;
}

/* Public API ------------------------------------------------------------- */

/**
 * efir_archive_generate:
 * @db_path: where to create the database; nothing may be there yet
 * @n_episodes: how many episodes to write
 * @seed: the seed of the random choices
 * @error: return location for a #GError
 *
 * Writes a whole archive through EfirStore, one efir_store_save_episode()
 * per episode as the app saves them, each followed by the search index
 * catching up, so the index and every other table are built by the code
 * that builds them for producers.
 *
 * Returns: %TRUE on success
 */
gboolean
efir_archive_generate (const char  *db_path,
                       guint        n_episodes,
                       guint32      seed,
                       GError     **error)
{
  g_autoptr(Generator) gen = NULL;
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(GTimeZone) baku = NULL;
  g_autoptr(GDateTime) last_air_date = NULL;
  g_autofree guint *episode_language = NULL;
  guint counts[N_LANGUAGES] = { 0 };
  guint numbers[N_LANGUAGES] = { 0 };

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Adding to an archive would mix two seeds and clash on the programmes'
   * names; a benchmark wants to know exactly what it measures.
   */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "“%s” already exists", db_path);
      return FALSE;
    }

  if (!(store = efir_store_open (db_path, error)))
    return FALSE;

  gen = generator_new (seed);
  if (!save_directory (store, gen, error))
    return FALSE;

  /* Which programme each episode belongs to is drawn first, so that each
   * programme's episodes can be numbered and dated from its first
   * broadcast, the newest airing on the same evening on every programme.
   */
  episode_language = g_new (guint, n_episodes);
  for (guint i = 0; i < n_episodes; i++)
    {
      double r = g_rand_double (gen->rand);
      guint l = 0;

      while (l + 1 < N_LANGUAGES && r >= languages[l].share)
        r -= languages[l++].share;
      episode_language[i] = l;
      counts[l]++;
    }

  baku = g_time_zone_new_offset (4 * 60 * 60);
  last_air_date = g_date_time_new (baku, 2024, 10, 4, 20, 0, 0);

  for (guint i = 0; i < n_episodes; i++)
    {
      guint l = episode_language[i];
      LanguageState *state = &gen->states[l];
      g_autoptr(EfirEpisode) episode = NULL;
      g_autoptr(GDateTime) air_date = NULL;
      guint number = ++numbers[l];

      episode = make_episode (gen, state, state->program_id, EPISODE_WORDS, EPISODE_SEGMENT_WORDS,
                              EPISODE_SECONDS_PER_WORD, FALSE);

      air_date = g_date_time_add_days (last_air_date, -(int) (counts[l] - number));
      efir_episode_set_number (episode, number);
      efir_episode_set_air_date (episode, air_date);

      /* The last few of each programme are still being worked on. */
      if (counts[l] - number < 3)
        efir_episode_set_status (episode, counts[l] - number == 0   ? EFIR_EPISODE_STATUS_DRAFT
                                          : counts[l] - number == 1 ? EFIR_EPISODE_STATUS_READY
                                                                    : EFIR_EPISODE_STATUS_SCHEDULED);
      else
        {
          g_autofree char *slug = efir_slug_from_title (efir_episode_get_title (episode));

          efir_episode_set_status (episode, EFIR_EPISODE_STATUS_PUBLISHED);
          efir_episode_set_slug (episode, slug);
        }

      /* A save leaves the episode's search row to be brought up to date
       * later; the app does it when the producer moves on, so each episode
       * is indexed in a transaction of its own, as in a producer's archive
       * (whose index is made of the segments such small writes leave).
       */
      if (!efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, error)
          || !efir_store_set_published_status (store, efir_episode_get_id (episode),
                                               efir_episode_get_status (episode), error)
          || !efir_store_refresh_search_index (store, error))
        return FALSE;

      if ((i + 1) % 500 == 0)
        g_debug ("%u of %u episodes written", i + 1, n_episodes);
    }

  return TRUE;
}

/**
 * efir_archive_make_long_episode:
 * @program_id: the programme the episode belongs to
 * @seed: the seed of the random choices
 *
 * Makes a three-hour Azerbaijani episode, for measuring what saving the
 * largest transcripts costs. Its guests are people of the directory
 * efir_archive_generate() writes with the same @seed, linked by name.
 *
 * Returns: (transfer full): a new episode, not yet saved
 */
EfirEpisode *
efir_archive_make_long_episode (gint64  program_id,
                                guint32 seed)
{
  g_autoptr(Generator) gen = generator_new (seed);

  /* This directory is never saved, so the guests have no person id and the
   * store links them to the archive's people by name.
   */
  return make_episode (gen, &gen->states[0], program_id, LONG_WORDS, LONG_SEGMENT_WORDS,
                       LONG_SECONDS_PER_WORD, TRUE);
}

/**
 * efir_archive_add_long_episode:
 * @db_path: an archive efir_archive_generate() wrote
 * @seed: the seed of the random choices
 * @error: return location for a #GError
 *
 * Saves the episode efir_archive_make_long_episode() makes in the
 * programme “Çətin sual”.
 *
 * Returns: (transfer full): the episode, with its id, or %NULL
 */
EfirEpisode *
efir_archive_add_long_episode (const char  *db_path,
                               guint32      seed,
                               GError     **error)
{
  g_autoptr(EfirStore) store = NULL;
  g_autoptr(EfirProgram) program = NULL;
  g_autoptr(EfirEpisode) episode = NULL;

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No archive at %s", db_path);
      return NULL;
    }
  if (!(store = efir_store_open (db_path, error)))
    return NULL;
  if (!(program = efir_store_find_program (store, languages[0].program_name, error)))
    return NULL;
  episode = efir_archive_make_long_episode (efir_program_get_id (program), seed);
  if (!efir_store_save_episode (store, episode, EFIR_EPISODE_PART_ALL, error))
    return NULL;
  return g_steal_pointer (&episode);
}

int
efir_archive_transcript_chars (EfirEpisode *episode)
{
  g_autofree char *text = efir_transcript_text_format (G_LIST_MODEL (efir_episode_get_transcript (episode)));

  return (int) g_utf8_strlen (text, -1);
}
