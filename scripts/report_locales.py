"""The report channel's public strings (issue #16: `/diskriminierung-melden/`, the form, the
receipt, the follow-up with the code, the PDF receipt) in the public languages of ADR 0017.

Read by `scripts/finder_locales.py`, which writes them into the same five catalogs
(locale/{ar,tr,uk,fa,de_LS}) after the finder's strings; a msgid the finder already has keeps
the finder's translation. Each row: the German source (msgid) and its translation into Arabic,
Turkish, Ukrainian, Farsi/Dari and Leichte Sprache (short sentences, one statement each, hard
words explained). Legal names stay German with a translation in brackets.

`DJANGO_DE_LS`: Django's own (English) messages that the form can show. Django translates them
into ar, tr, uk and fa itself; for Leichte Sprache it would fall back to ordinary German.
"""

LANGS = ("ar", "tr", "uk", "fa", "de_LS")

ZW = "\u200c"  # zero-width non-joiner (Persian: می‌توانید)

ROWS: list[tuple[str, str, str, str, str, str]] = [
    # --- layout around the pages -------------------------------------------------------------
    (
        "Brotkrumen",
        "مسار التنقل",
        "Sayfa yolu",
        "Навігаційний ланцюжок",
        "مسیر صفحه",
        "Wo Sie gerade sind",
    ),
    (
        "Bitte prüfen Sie Ihre Angaben.",
        "يرجى التحقق من بياناتك.",
        "Lütfen bilgilerinizi kontrol edin.",
        "Будь ласка, перевірте ваші дані.",
        "لطفاً اطلاعات خود را بررسی کنید.",
        "Bitte prüfen Sie Ihre Angaben.",
    ),
    # --- the form page --------------------------------------------------------------------------
    (
        "Sie wurden benachteiligt, beleidigt oder ausgegrenzt – wegen Ihrer Herkunft, Ihrer "
        "Religion, Ihres Geschlechts, einer Behinderung, Ihres Alters oder Ihrer sexuellen "
        "Identität? Sagen Sie es uns. Das dauert nur wenige Minuten.",
        "هل تعرّضت للتمييز أو الإهانة أو الإقصاء بسبب أصلك أو دينك أو جنسك أو إعاقة أو عمرك أو "
        "هويتك الجنسية؟ أخبرنا بذلك. لن يستغرق الأمر سوى بضع دقائق.",
        "Kökeniniz, dininiz, cinsiyetiniz, bir engelliliğiniz, yaşınız veya cinsel kimliğiniz "
        "nedeniyle dezavantajlı duruma düşürüldünüz, hakarete uğradınız ya da dışlandınız mı? "
        "Bize anlatın. Sadece birkaç dakika sürer.",
        "Вас дискримінували, ображали чи виключали через ваше походження, релігію, стать, "
        "інвалідність, вік або сексуальну ідентичність? Розкажіть нам. Це займе лише кілька "
        "хвилин.",
        f"به خاطر تبار، دین، جنسیت، معلولیت، سن یا هویت جنسی{ZW}تان مورد تبعیض، توهین یا طرد "
        f"قرار گرفته{ZW}اید؟ به ما بگویید. این کار فقط چند دقیقه طول می{ZW}کشد.",
        "Sie wurden schlecht behandelt? Oder beleidigt? Oder ausgeschlossen? Zum Beispiel wegen "
        "Ihrer Herkunft. Oder wegen Ihrer Religion. Oder wegen einer Behinderung. Sagen Sie es "
        "uns. Das dauert nur ein paar Minuten.",
    ),
    (
        "Sie brauchen kein Konto. Ihr Name ist nicht nötig.",
        "لا تحتاج إلى حساب. ولا حاجة إلى ذكر اسمك.",
        "Hesaba ihtiyacınız yok. Adınızı vermeniz gerekmez.",
        "Обліковий запис не потрібен. Ваше ім’я не обов’язкове.",
        "به حساب کاربری نیاز ندارید. لازم نیست نام خود را بگویید.",
        "Sie brauchen kein Konto. Sie müssen Ihren Namen nicht sagen.",
    ),
    (
        "Wir speichern keine IP-Adresse und keine Angaben zu Ihrem Gerät.",
        "لا نحفظ عنوان IP ولا أي معلومات عن جهازك.",
        "IP adresinizi ve cihazınıza ilişkin bilgileri kaydetmiyoruz.",
        "Ми не зберігаємо IP-адресу та жодних даних про ваш пристрій.",
        f"ما نشانی IP و هیچ اطلاعاتی درباره دستگاه شما را ذخیره نمی{ZW}کنیم.",
        "Wir speichern nichts über Ihr Handy oder Ihren Computer.",
    ),
    (
        "Nach dem Absenden erhalten Sie einen Code. Damit können Sie später Antworten lesen und "
        "etwas ergänzen.",
        "بعد الإرسال تحصل على رمز. يمكنك به لاحقًا قراءة الردود وإضافة معلومات.",
        "Gönderdikten sonra bir kod alırsınız. Bu kodla daha sonra yanıtları okuyabilir ve "
        "bilgi ekleyebilirsiniz.",
        "Після надсилання ви отримаєте код. З ним ви зможете пізніше читати відповіді та "
        "щось доповнити.",
        f"پس از ارسال، یک کد دریافت می{ZW}کنید. با آن می{ZW}توانید بعداً پاسخ{ZW}ها را بخوانید "
        f"و چیزی اضافه کنید.",
        "Am Ende bekommen Sie einen Code. Ein Code ist eine Reihe aus Buchstaben und Zahlen. "
        "Mit dem Code können Sie später unsere Antwort lesen. Und Sie können noch etwas "
        "dazu schreiben.",
    ),
    (
        "Wenn Sie möchten, geben wir Ihre Meldung an eine Beratungsstelle in Ihrer Nähe weiter – "
        "nur mit dem, was Sie erlauben.",
        "إذا رغبت، نحيل بلاغك إلى مركز استشارات قريب منك – فقط بما تسمح به.",
        "İsterseniz bildiriminizi yakınınızdaki bir danışma merkezine iletiriz – yalnızca izin "
        "verdiğiniz bilgilerle.",
        "Якщо бажаєте, ми передамо ваше повідомлення до консультаційного центру поруч із вами – "
        "лише те, що ви дозволите.",
        f"اگر بخواهید، گزارش شما را به یک مرکز مشاوره در نزدیکی{ZW}تان می{ZW}فرستیم – فقط با "
        f"آنچه شما اجازه می{ZW}دهید.",
        "Sie können Hilfe bekommen. Dann geben wir Ihre Meldung an eine Beratungs·stelle. "
        "Eine Beratungs·stelle hilft Menschen bei Benachteiligung. Wir geben nur weiter, was "
        "Sie erlauben.",
    ),
    (
        "Sie haben schon einen Code? Antworten lesen und ergänzen",
        "لديك رمز بالفعل؟ اقرأ الردود وأضف معلومات",
        "Zaten bir kodunuz var mı? Yanıtları okuyun ve bilgi ekleyin",
        "У вас уже є код? Читати відповіді та доповнити",
        f"کد دارید؟ پاسخ{ZW}ها را بخوانید و چیزی اضافه کنید",
        "Sie haben schon einen Code? Hier können Sie Antworten lesen.",
    ),
    (
        "In einer Notlage rufen Sie bitte die Polizei unter 110 an.",
        "في حالة الطوارئ، يرجى الاتصال بالشرطة على الرقم 110.",
        "Acil bir durumda lütfen 110 numaralı telefondan polisi arayın.",
        "У надзвичайній ситуації телефонуйте в поліцію за номером 110.",
        "در شرایط اضطراری لطفاً با شماره 110 به پلیس زنگ بزنید.",
        "Sind Sie in Gefahr? Dann rufen Sie die Polizei an. Die Nummer ist 110.",
    ),
    (
        "Ihre Meldung",
        "بلاغك",
        "Bildiriminiz",
        "Ваше повідомлення",
        "گزارش شما",
        "Ihre Meldung",
    ),
    (
        "Kontakt (freiwillig)",
        "التواصل (اختياري)",
        "İletişim (isteğe bağlı)",
        "Контакт (за бажанням)",
        "تماس (اختیاری)",
        "Kontakt. Das müssen Sie nicht ausfüllen.",
    ),
    (
        "Nur wenn Sie zustimmen, speichern wir diese Angaben:",
        "لا نحفظ هذه البيانات إلا بموافقتك:",
        "Bu bilgileri yalnızca onay verirseniz kaydederiz:",
        "Ці дані ми зберігаємо лише за вашої згоди:",
        f"این اطلاعات را فقط با موافقت شما ذخیره می{ZW}کنیم:",
        "Wir speichern diese Angaben nur, wenn Sie es erlauben:",
    ),
    (
        "Weitergabe an eine Beratungsstelle (freiwillig)",
        "الإحالة إلى مركز استشارات (اختياري)",
        "Bir danışma merkezine iletme (isteğe bağlı)",
        "Передача до консультаційного центру (за бажанням)",
        "ارجاع به مرکز مشاوره (اختیاری)",
        "Hilfe von einer Beratungs·stelle. Das müssen Sie nicht ausfüllen.",
    ),
    (
        "Meldung absenden",
        "إرسال البلاغ",
        "Bildirimi gönder",
        "Надіслати повідомлення",
        "ارسال گزارش",
        "Meldung abschicken",
    ),
    # --- the form's fields ------------------------------------------------------------------------
    (
        "Was ist passiert?",
        "ماذا حدث؟",
        "Ne oldu?",
        "Що сталося?",
        "چه اتفاقی افتاد؟",
        "Was ist passiert?",
    ),
    (
        "Beschreiben Sie in eigenen Worten, was geschehen ist. Namen anderer Personen brauchen "
        "wir nicht.",
        "صِف بكلماتك الخاصة ما حدث. لا نحتاج إلى أسماء أشخاص آخرين.",
        "Ne olduğunu kendi sözlerinizle anlatın. Başka kişilerin adlarına ihtiyacımız yok.",
        "Опишіть своїми словами, що сталося. Імена інших людей нам не потрібні.",
        "با کلمات خودتان بنویسید چه اتفاقی افتاد. به نام افراد دیگر نیازی نداریم.",
        "Schreiben Sie mit Ihren Worten, was passiert ist. Sie können in Ihrer Sprache "
        "schreiben. Wir brauchen keine Namen von anderen Menschen.",
    ),
    (
        "Wann ist es passiert?",
        "متى حدث ذلك؟",
        "Ne zaman oldu?",
        "Коли це сталося?",
        "چه زمانی اتفاق افتاد؟",
        "Wann ist es passiert?",
    ),
    (
        "Wenn Sie den Tag nicht genau wissen: ungefähr.",
        "إذا كنت لا تعرف اليوم بالضبط، فاختر تاريخًا تقريبيًا.",
        "Günü tam olarak bilmiyorsanız yaklaşık bir tarih girin.",
        "Якщо ви не знаєте точного дня, вкажіть приблизно.",
        "اگر روز دقیق را نمی\u200cدانید، تاریخ تقریبی را وارد کنید.",
        "Sie wissen den Tag nicht genau? Dann wählen Sie einen Tag, der ungefähr passt.",
    ),
    (
        "Wo ist es passiert? (Kreis oder Stadt)",
        "أين حدث ذلك؟ (الدائرة أو المدينة)",
        "Nerede oldu? (İlçe veya şehir)",
        "Де це сталося? (Район або місто)",
        "کجا اتفاق افتاد؟ (شهرستان یا شهر)",
        "Wo ist es passiert? (Kreis oder Stadt)",
    ),
    (
        "Bitte wählen",
        "يرجى الاختيار",
        "Lütfen seçin",
        "Будь ласка, оберіть",
        "لطفاً انتخاب کنید",
        "Bitte wählen",
    ),
    (
        "Ort genauer (Gemeinde, Stadtteil)",
        "المكان بدقة أكبر (البلدية، الحي)",
        "Daha ayrıntılı yer (belde, semt)",
        "Точніше місце (громада, район міста)",
        "مکان دقیق\u200cتر (شهرک، محله)",
        "Wo genau? (zum Beispiel das Dorf oder der Stadt·teil)",
    ),
    (
        "In welchem Lebensbereich?",
        "في أي مجال من مجالات الحياة؟",
        "Hayatın hangi alanında?",
        "У якій сфері життя?",
        "در کدام حوزه از زندگی؟",
        "In welchem Bereich im Leben ist es passiert?",
    ),
    (
        "Warum wurden Sie benachteiligt? (mehrere möglich)",
        "لماذا تعرّضت للتمييز؟ (يمكن اختيار أكثر من خيار)",
        "Neden dezavantajlı duruma düşürüldünüz? (birden fazla seçilebilir)",
        "Чому вас дискримінували? (можна обрати кілька)",
        "چرا مورد تبعیض قرار گرفتید؟ (چند گزینه ممکن است)",
        "Warum wurden Sie schlecht behandelt? (Sie können mehr als 1 Grund wählen)",
    ),
    (
        "Die Merkmale nach § 1 AGG sowie Rassismus und Antisemitismus.",
        "الخصائص المذكورة في المادة 1 من Allgemeines Gleichbehandlungsgesetz (AGG) "
        "(القانون العام للمساواة في المعاملة)، إضافةً إلى العنصرية ومعاداة السامية.",
        "Allgemeines Gleichbehandlungsgesetz (AGG) (Genel Eşit Muamele Yasası) § 1'de sayılan "
        "özellikler ile ırkçılık ve antisemitizm.",
        "Ознаки за § 1 Allgemeines Gleichbehandlungsgesetz (AGG) (Загальний закон про рівне "
        "ставлення), а також расизм і антисемітизм.",
        "ویژگی\u200cهای ماده ۱ Allgemeines Gleichbehandlungsgesetz (AGG) (قانون عمومی برابری "
        "در رفتار)، و همچنین نژادپرستی و یهودستیزی.",
        "Das sind die Gründe aus einem Gesetz. Das Gesetz heißt: Allgemeines "
        "Gleichbehandlungs·gesetz (AGG). Das Gesetz sagt: Niemand darf benachteiligt werden. "
        "Dazu kommen noch 2 Gründe: Rassismus und Antisemitismus.",
    ),
    (
        "Dateien (z. B. Fotos, Briefe)",
        "ملفات (مثل صور أو رسائل)",
        "Dosyalar (ör. fotoğraflar, mektuplar)",
        "Файли (наприклад, фото, листи)",
        "فایل\u200cها (مثلاً عکس، نامه)",
        "Dateien (zum Beispiel Fotos oder Briefe)",
    ),
    (
        "Bis zu {n} Fotos oder PDF-Dateien, zusammen höchstens {size}. Wir entfernen Angaben wie "
        "Ort, Kamera oder Verfasser aus den Dateien.",
        "حتى {n} صور أو ملفات PDF، بحجم إجمالي لا يتجاوز {size}. نحذف من الملفات معلومات مثل "
        "المكان أو الكاميرا أو اسم المؤلف.",
        "En fazla {n} fotoğraf veya PDF dosyası, toplamda en fazla {size}. Dosyalardaki konum, "
        "kamera veya yazar gibi bilgileri sileriz.",
        "До {n} фото або PDF-файлів, разом не більше {size}. Ми видаляємо з файлів дані на "
        "кшталт місця, камери чи автора.",
        "حداکثر {n} عکس یا فایل PDF، روی هم حداکثر {size}. اطلاعاتی مانند مکان، دوربین یا "
        "نویسنده را از فایل\u200cها پاک می\u200cکنیم.",
        "Sie können bis zu {n} Dateien schicken. Das können Fotos sein. Oder PDF-Dateien. "
        "Alle zusammen dürfen höchstens {size} groß sein. In Dateien stehen manchmal "
        "versteckte Angaben. Zum Beispiel: wo ein Foto gemacht wurde. Diese Angaben löschen wir.",
    ),
    (
        "Ich möchte kontaktiert werden.",
        "أرغب في أن يتم التواصل معي.",
        "Benimle iletişime geçilmesini istiyorum.",
        "Я хочу, щоб зі мною зв’язалися.",
        "می\u200cخواهم با من تماس گرفته شود.",
        "Sie dürfen mich anrufen oder mir schreiben.",
    ),
    (
        "Sonst bleibt Ihre Meldung anonym. Sie können Antworten mit Ihrem Code lesen.",
        "وإلا يبقى بلاغك مجهول الهوية. يمكنك قراءة الردود باستخدام رمزك.",
        "Aksi takdirde bildiriminiz anonim kalır. Yanıtları kodunuzla okuyabilirsiniz.",
        "Інакше ваше повідомлення залишиться анонімним. Відповіді ви можете читати за своїм кодом.",
        "در غیر این صورت گزارش شما ناشناس می\u200cماند. پاسخ\u200cها را می\u200cتوانید با "
        "کد خود بخوانید.",
        "Sonst wissen wir nicht, wer Sie sind. Das heißt: anonym. Unsere Antwort können Sie "
        "mit Ihrem Code lesen.",
    ),
    (
        "Name oder Vorname",
        "الاسم أو الاسم الأول",
        "Soyadı veya adı",
        "Прізвище або ім’я",
        "نام یا نام خانوادگی",
        "Name oder Vorname",
    ),
    (
        "E-Mail-Adresse",
        "عنوان البريد الإلكتروني",
        "E-posta adresi",
        "Адреса електронної пошти",
        "نشانی ایمیل",
        "E-Mail-Adresse",
    ),
    (
        "Telefon",
        "الهاتف",
        "Telefon",
        "Телефон",
        "تلفن",
        "Telefon",
    ),
    (
        "Ich möchte, dass meine Meldung an eine Beratungsstelle weitergegeben wird.",
        "أرغب في إحالة بلاغي إلى مركز استشارات.",
        "Bildirimimin bir danışma merkezine iletilmesini istiyorum.",
        "Я хочу, щоб моє повідомлення передали до консультаційного центру.",
        "می\u200cخواهم گزارشم به یک مرکز مشاوره ارجاع داده شود.",
        "Ich möchte Hilfe von einer Beratungs·stelle. Sie dürfen meine Meldung dorthin geben.",
    ),
    (
        "Eine Beratungsstelle des hessischen Antidiskriminierungsnetzwerks in Ihrer Nähe. Sie "
        "erhält nur, was Sie unten erlauben.",
        "مركز استشارات تابع لشبكة مكافحة التمييز في ولاية هسن قريب منك. لا يتلقى إلا ما تسمح "
        "به أدناه.",
        "Hessen Ayrımcılıkla Mücadele Ağı'na bağlı, yakınınızdaki bir danışma merkezi. Yalnızca "
        "aşağıda izin verdiğiniz bilgileri alır.",
        "Консультаційний центр гессенської мережі протидії дискримінації поруч із вами. Він "
        "отримає лише те, що ви дозволите нижче.",
        "یک مرکز مشاوره از شبکه مبارزه با تبعیض ایالت هسن در نزدیکی شما. این مرکز فقط آنچه "
        "را که در پایین اجازه می\u200cدهید دریافت می\u200cکند.",
        "Die Beratungs·stelle ist in Ihrer Nähe. Sie hilft bei Benachteiligung. Sie bekommt "
        "nur, was Sie unten erlauben.",
    ),
    (
        "Meine Schilderung und den Ort darf sie erhalten.",
        "يجوز له تلقي وصفي للحادثة ومكانها.",
        "Anlatımımı ve yeri alabilir.",
        "Центр може отримати мій опис і місце.",
        "مرکز می\u200cتواند شرح من و مکان را دریافت کند.",
        "Sie darf lesen, was passiert ist. Und wo es passiert ist.",
    ),
    (
        "Meine Kontaktdaten darf sie erhalten.",
        "يجوز له تلقي بيانات التواصل الخاصة بي.",
        "İletişim bilgilerimi alabilir.",
        "Центр може отримати мої контактні дані.",
        "مرکز می\u200cتواند اطلاعات تماس مرا دریافت کند.",
        "Sie darf meinen Namen, meine E-Mail und meine Telefon·nummer bekommen.",
    ),
    (
        "Meine Dateien darf sie erhalten.",
        "يجوز له تلقي ملفاتي.",
        "Dosyalarımı alabilir.",
        "Центр може отримати мої файли.",
        "مرکز می\u200cتواند فایل\u200cهای مرا دریافت کند.",
        "Sie darf meine Dateien bekommen.",
    ),
    # --- life areas ---------------------------------------------------------------------------------
    (
        "Arbeit und Ausbildung",
        "العمل والتدريب المهني",
        "İş ve meslek eğitimi",
        "Робота та професійне навчання",
        "کار و آموزش حرفه\u200cای",
        "Arbeit und Ausbildung",
    ),
    ("Wohnen", "السكن", "Konut", "Житло", "مسکن", "Wohnen"),
    (
        "Schule, Kita und Hochschule",
        "المدرسة وروضة الأطفال والجامعة",
        "Okul, kreş ve yükseköğretim",
        "Школа, дитячий садок і виш",
        "مدرسه، مهدکودک و دانشگاه",
        "Schule, Kita und Uni",
    ),
    (
        "Ämter und Behörden",
        "الدوائر والهيئات الحكومية",
        "Resmî daireler ve kurumlar",
        "Органи влади та установи",
        "ادارات و نهادهای دولتی",
        "Ämter. Zum Beispiel: Job·center oder Ausländer·behörde.",
    ),
    (
        "Gesundheit und Pflege",
        "الصحة والرعاية",
        "Sağlık ve bakım",
        "Охорона здоров’я та догляд",
        "سلامت و مراقبت",
        "Arzt, Kranken·haus und Pflege",
    ),
    (
        "Freizeit, Geschäfte und Dienstleistungen",
        "الترفيه والمتاجر والخدمات",
        "Boş zaman, mağazalar ve hizmetler",
        "Дозвілля, магазини та послуги",
        "اوقات فراغت، فروشگاه\u200cها و خدمات",
        "Freizeit, Einkaufen, Bank und andere Dienste",
    ),
    (
        "Öffentlicher Raum und Verkehrsmittel",
        "الأماكن العامة ووسائل النقل",
        "Kamusal alan ve toplu taşıma",
        "Громадські місця та транспорт",
        "فضای عمومی و وسایل حمل\u200cونقل",
        "Auf der Straße, in Bus und Bahn",
    ),
    (
        "Polizei und Justiz",
        "الشرطة والقضاء",
        "Polis ve yargı",
        "Поліція та суди",
        "پلیس و دستگاه قضایی",
        "Polizei und Gericht",
    ),
    (
        "Medien und Internet",
        "وسائل الإعلام والإنترنت",
        "Medya ve internet",
        "Медіа та інтернет",
        "رسانه\u200cها و اینترنت",
        "Zeitung, Fernsehen und Internet",
    ),
    (
        "Anderer Bereich",
        "مجال آخر",
        "Başka bir alan",
        "Інша сфера",
        "حوزه\u200cای دیگر",
        "Woanders",
    ),
    # --- grounds (§ 1 AGG, racism, antisemitism) ----------------------------------------------------
    (
        "Rassismus / ethnische Herkunft",
        "العنصرية / الأصل العرقي",
        "Irkçılık / etnik köken",
        "Расизм / етнічне походження",
        "نژادپرستی / تبار قومی",
        "Rassismus: wegen der Herkunft oder der Haut·farbe",
    ),
    (
        "Antisemitismus",
        "معاداة السامية",
        "Antisemitizm",
        "Антисемітизм",
        "یهودستیزی",
        "Antisemitismus: Hass gegen Jüdinnen und Juden",
    ),
    (
        "Religion oder Weltanschauung",
        "الدين أو المعتقد",
        "Din veya dünya görüşü",
        "Релігія або світогляд",
        "دین یا جهان\u200cبینی",
        "Religion oder Glaube",
    ),
    (
        "Geschlecht",
        "الجنس",
        "Cinsiyet",
        "Стать",
        "جنسیت",
        "Geschlecht: zum Beispiel Frau, Mann oder divers",
    ),
    (
        "Sexuelle Identität",
        "الهوية الجنسية",
        "Cinsel kimlik",
        "Сексуальна ідентичність",
        "هویت جنسی",
        "Wen Sie lieben: sexuelle Identität. Zum Beispiel: lesbisch, schwul oder bi.",
    ),
    (
        "Behinderung oder chronische Krankheit",
        "الإعاقة أو المرض المزمن",
        "Engellilik veya kronik hastalık",
        "Інвалідність або хронічна хвороба",
        "معلولیت یا بیماری مزمن",
        "Behinderung oder lange Krankheit",
    ),
    ("Lebensalter", "العمر", "Yaş", "Вік", "سن", "Alter"),
    (
        "Anderer Grund",
        "سبب آخر",
        "Başka bir neden",
        "Інша причина",
        "دلیل دیگر",
        "Ein anderer Grund",
    ),
    # --- state of a report (follow-up page) ----------------------------------------------------
    ("Neu", "جديد", "Yeni", "Нове", "جدید", "Neu"),
    (
        "In Bearbeitung",
        "قيد المعالجة",
        "İşlemde",
        "В опрацюванні",
        "در حال بررسی",
        "Wir kümmern uns darum.",
    ),
    (
        "An Beratungsstelle weitergegeben",
        "أُحيل إلى مركز استشارات",
        "Danışma merkezine iletildi",
        "Передано до консультаційного центру",
        "به مرکز مشاوره ارجاع داده شد",
        "An eine Beratungs·stelle weiter·gegeben",
    ),
    ("Abgeschlossen", "مُغلق", "Kapatıldı", "Завершено", "بسته شده", "Fertig"),
    # --- refusals of the form and the code ---------------------------------------------------------
    (
        "Das Datum liegt in der Zukunft.",
        "هذا التاريخ في المستقبل.",
        "Bu tarih gelecekte.",
        "Ця дата ще не настала.",
        "این تاریخ در آینده است.",
        "Dieser Tag ist noch nicht gewesen. Bitte wählen Sie einen Tag von früher.",
    ),
    (
        "Bitte wählen Sie mindestens ein Merkmal.",
        "يرجى اختيار سبب واحد على الأقل.",
        "Lütfen en az bir özellik seçin.",
        "Будь ласка, оберіть принаймні одну ознаку.",
        "لطفاً دست\u200cکم یک ویژگی را انتخاب کنید.",
        "Bitte wählen Sie mindestens 1 Grund.",
    ),
    (
        "Wir speichern Kontaktdaten nur, wenn Sie einer Kontaktaufnahme zustimmen.",
        "لا نحفظ بيانات التواصل إلا إذا وافقت على التواصل معك.",
        "İletişim bilgilerini yalnızca sizinle iletişime geçilmesine onay verirseniz kaydederiz.",
        "Ми зберігаємо контактні дані лише тоді, коли ви погоджуєтеся, щоб із вами зв’язалися.",
        "اطلاعات تماس را فقط زمانی ذخیره می\u200cکنیم که با تماس گرفتن موافقت کنید.",
        "Sie haben Kontakt·daten geschrieben. Wir speichern sie nur mit Ihrer Erlaubnis. "
        "Bitte kreuzen Sie an: Sie dürfen mich anrufen oder mir schreiben.",
    ),
    (
        "Für eine Kontaktaufnahme brauchen wir eine E-Mail-Adresse oder Telefonnummer.",
        "للتواصل معك نحتاج إلى عنوان بريد إلكتروني أو رقم هاتف.",
        "Sizinle iletişime geçebilmemiz için bir e-posta adresi veya telefon numarası gerekir.",
        "Щоб зв’язатися з вами, нам потрібна адреса електронної пошти або номер телефону.",
        "برای تماس با شما به نشانی ایمیل یا شماره تلفن نیاز داریم.",
        "Wir wollen Sie erreichen. Dafür brauchen wir Ihre E-Mail-Adresse. Oder Ihre "
        "Telefon·nummer.",
    ),
    (
        "Diese Meldung ist abgeschlossen. Sie können gern eine neue Meldung abgeben.",
        "هذا البلاغ مغلق. يمكنك تقديم بلاغ جديد.",
        "Bu bildirim kapatıldı. Dilerseniz yeni bir bildirimde bulunabilirsiniz.",
        "Це повідомлення закрито. Ви можете надіслати нове повідомлення.",
        "این گزارش بسته شده است. می\u200cتوانید گزارش تازه\u200cای ثبت کنید.",
        "Diese Meldung ist fertig. Sie können eine neue Meldung machen.",
    ),
    (
        "Aus Ihrem Netz kamen in kurzer Zeit sehr viele Meldungen. Bitte versuchen Sie es in "
        "einer Stunde noch einmal – Ihre Angaben bleiben hier stehen.",
        "وصل من شبكتك عدد كبير جدًا من البلاغات في وقت قصير. يرجى المحاولة مرة أخرى بعد ساعة "
        "– تبقى بياناتك هنا.",
        "Ağınızdan kısa sürede çok fazla bildirim geldi. Lütfen bir saat sonra tekrar deneyin – "
        "bilgileriniz burada kalır.",
        "З вашої мережі за короткий час надійшло дуже багато повідомлень. Спробуйте ще раз "
        "через годину – ваші дані залишаться тут.",
        "از شبکه شما در زمان کوتاهی گزارش\u200cهای بسیار زیادی رسیده است. لطفاً یک ساعت دیگر "
        "دوباره امتحان کنید – اطلاعات شما همین\u200cجا می\u200cماند.",
        "Aus Ihrem Internet kamen gerade sehr viele Meldungen. Bitte warten Sie 1 Stunde. "
        "Dann versuchen Sie es noch einmal. Ihre Angaben bleiben hier stehen.",
    ),
    (
        "Zu viele Versuche mit einem Code. Aus Sicherheitsgründen ist die Eingabe für eine "
        "Stunde gesperrt. Bitte versuchen Sie es später noch einmal.",
        "محاولات كثيرة جدًا باستخدام رمز. لأسباب أمنية أُوقف الإدخال لمدة ساعة. يرجى المحاولة "
        "مرة أخرى لاحقًا.",
        "Bir kodla çok fazla deneme yapıldı. Güvenlik nedeniyle giriş bir saatliğine "
        "engellendi. Lütfen daha sonra tekrar deneyin.",
        "Забагато спроб із кодом. З міркувань безпеки введення заблоковано на годину. "
        "Спробуйте пізніше.",
        "تلاش\u200cهای زیادی با کد انجام شده است. به دلایل امنیتی ورود کد به مدت یک ساعت "
        "مسدود است. لطفاً بعداً دوباره امتحان کنید.",
        "Sie haben den Code zu oft eingegeben. Das ist nicht sicher. Darum geht es 1 Stunde "
        "lang nicht. Bitte versuchen Sie es später noch einmal.",
    ),
    (
        "Zu diesem Code gibt es keine Meldung. Bitte prüfen Sie die Schreibweise.",
        "لا يوجد بلاغ بهذا الرمز. يرجى التحقق من كتابته.",
        "Bu koda ait bir bildirim yok. Lütfen yazımını kontrol edin.",
        "За цим кодом повідомлення немає. Перевірте, чи правильно ви його ввели.",
        "برای این کد گزارشی وجود ندارد. لطفاً نوشتن آن را بررسی کنید.",
        "Zu diesem Code finden wir keine Meldung. Bitte prüfen Sie den Code. Ist jeder "
        "Buchstabe richtig?",
    ),
    # --- refusals of a file (documents.validation, SafeMultipleFileField) ---------------------------
    (
        "Bitte höchstens %(n)s Dateien.",
        "يرجى إرفاق %(n)s ملفات كحد أقصى.",
        "Lütfen en fazla %(n)s dosya.",
        "Будь ласка, не більше %(n)s файлів.",
        "لطفاً حداکثر %(n)s فایل.",
        "Bitte schicken Sie höchstens %(n)s Dateien.",
    ),
    (
        "Die Dateien sind zusammen zu groß. Erlaubt sind höchstens %(max)s.",
        "حجم الملفات معًا كبير جدًا. الحد الأقصى المسموح به %(max)s.",
        "Dosyalar toplamda çok büyük. En fazla %(max)s izin verilir.",
        "Файли разом завеликі. Дозволено не більше %(max)s.",
        "فایل\u200cها روی هم خیلی بزرگ\u200cاند. حداکثر %(max)s مجاز است.",
        "Die Dateien sind zusammen zu groß. Sie dürfen höchstens %(max)s groß sein.",
    ),
    (
        "Dateien vom Typ „.%(ext)s“ sind nicht erlaubt. Erlaubt sind: %(allowed)s.",
        "الملفات من نوع „.%(ext)s“ غير مسموح بها. المسموح به: %(allowed)s.",
        "„.%(ext)s“ türündeki dosyalara izin verilmez. İzin verilenler: %(allowed)s.",
        "Файли типу „.%(ext)s“ не дозволені. Дозволено: %(allowed)s.",
        "فایل\u200cهای نوع „.%(ext)s“ مجاز نیستند. مجاز: %(allowed)s.",
        "Diese Datei geht nicht: „.%(ext)s“. Diese Dateien gehen: %(allowed)s.",
    ),
    (
        "Die Datei hat keine Dateiendung. Erlaubt sind: %(allowed)s.",
        "الملف ليس له امتداد. المسموح به: %(allowed)s.",
        "Dosyanın uzantısı yok. İzin verilenler: %(allowed)s.",
        "Файл не має розширення. Дозволено: %(allowed)s.",
        "فایل پسوند ندارد. مجاز: %(allowed)s.",
        "Beim Datei·namen fehlt das Ende. Zum Beispiel: .pdf. Diese Dateien gehen: %(allowed)s.",
    ),
    (
        "Die Datei ist leer.",
        "الملف فارغ.",
        "Dosya boş.",
        "Файл порожній.",
        "فایل خالی است.",
        "Die Datei ist leer.",
    ),
    (
        "Die Datei ist zu groß. Erlaubt sind höchstens %(max)s.",
        "الملف كبير جدًا. الحد الأقصى المسموح به %(max)s.",
        "Dosya çok büyük. En fazla %(max)s izin verilir.",
        "Файл завеликий. Дозволено не більше %(max)s.",
        "فایل خیلی بزرگ است. حداکثر %(max)s مجاز است.",
        "Die Datei ist zu groß. Sie darf höchstens %(max)s groß sein.",
    ),
    (
        "Die Datei enthält eine Schadsoftware-Signatur und wurde abgelehnt.",
        "يحتوي الملف على توقيع برمجية ضارة وتم رفضه.",
        "Dosya kötü amaçlı yazılım imzası içeriyor ve reddedildi.",
        "Файл містить сигнатуру шкідливої програми і його відхилено.",
        "فایل دارای امضای بدافزار است و پذیرفته نشد.",
        "In der Datei ist ein Computer·virus. Darum nehmen wir die Datei nicht an.",
    ),
    (
        "Der vom Browser gemeldete Dateityp (%(declared)s) passt nicht zur Dateiendung „.%(ext)s“.",
        "نوع الملف الذي أبلغ عنه المتصفح (%(declared)s) لا يطابق امتداد الملف „.%(ext)s“.",
        "Tarayıcının bildirdiği dosya türü (%(declared)s) „.%(ext)s“ uzantısıyla uyuşmuyor.",
        "Тип файлу, який повідомив браузер (%(declared)s), не відповідає розширенню „.%(ext)s“.",
        "نوع فایلی که مرورگر اعلام کرده (%(declared)s) با پسوند „.%(ext)s“ جور نیست.",
        "Mit der Datei stimmt etwas nicht. Die Art der Datei passt nicht zum Ende vom "
        "Datei·namen: „.%(ext)s“. Die Art ist: %(declared)s.",
    ),
    (
        "Die Datei ist beschädigt und kann nicht gelesen werden.",
        "الملف تالف ولا يمكن قراءته.",
        "Dosya bozuk ve okunamıyor.",
        "Файл пошкоджено, його неможливо прочитати.",
        "فایل خراب است و قابل خواندن نیست.",
        "Die Datei ist kaputt. Wir können sie nicht öffnen.",
    ),
    (
        "Die Virenprüfung ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten "
        "erneut.",
        "فحص الفيروسات غير متاح حاليًا. يرجى المحاولة مرة أخرى بعد بضع دقائق.",
        "Virüs taraması şu anda kullanılamıyor. Lütfen birkaç dakika sonra tekrar deneyin.",
        "Перевірка на віруси зараз недоступна. Спробуйте ще раз за кілька хвилин.",
        "بررسی ویروس در حال حاضر در دسترس نیست. لطفاً چند دقیقه دیگر دوباره امتحان کنید.",
        "Wir prüfen jede Datei auf Computer·viren. Das geht gerade nicht. Bitte versuchen Sie "
        "es in ein paar Minuten noch einmal.",
    ),
    (
        "HTML-, SVG- und XML-Dateien sind nicht erlaubt, auch nicht umbenannt.",
        "ملفات HTML وSVG وXML غير مسموح بها، حتى لو تمت إعادة تسميتها.",
        "HTML, SVG ve XML dosyalarına, adı değiştirilmiş olsalar bile izin verilmez.",
        "Файли HTML, SVG та XML не дозволені, навіть якщо їх перейменовано.",
        "فایل\u200cهای HTML، SVG و XML مجاز نیستند، حتی اگر نامشان تغییر کرده باشد.",
        "Diese Art von Datei geht nicht: HTML, SVG oder XML. Bitte schicken Sie ein Foto "
        "oder eine PDF-Datei.",
    ),
    (
        "Der Inhalt der Datei passt nicht zur Dateiendung „.%(ext)s“.",
        "محتوى الملف لا يطابق امتداد الملف „.%(ext)s“.",
        "Dosyanın içeriği „.%(ext)s“ uzantısıyla uyuşmuyor.",
        "Вміст файлу не відповідає розширенню „.%(ext)s“.",
        "محتوای فایل با پسوند „.%(ext)s“ جور نیست.",
        "Der Inhalt der Datei passt nicht zum Ende vom Datei·namen: „.%(ext)s“.",
    ),
    (
        "Die PDF-Datei enthält HTML- oder Skript-Code und wurde abgelehnt.",
        "يحتوي ملف PDF على شيفرة HTML أو شيفرة برمجية نصية وتم رفضه.",
        "PDF dosyası HTML veya betik kodu içeriyor ve reddedildi.",
        "PDF-файл містить HTML- або скрипт-код і його відхилено.",
        "فایل PDF دارای کد HTML یا اسکریپت است و پذیرفته نشد.",
        "In der PDF-Datei ist Computer·code. Darum nehmen wir die Datei nicht an.",
    ),
    (
        "Die PDF-Datei enthält zusätzlich ein ZIP-Archiv und wurde abgelehnt.",
        "يحتوي ملف PDF أيضًا على أرشيف ZIP وتم رفضه.",
        "PDF dosyası ayrıca bir ZIP arşivi içeriyor ve reddedildi.",
        "PDF-файл додатково містить ZIP-архів і його відхилено.",
        "فایل PDF همچنین دارای یک بایگانی ZIP است و پذیرفته نشد.",
        "In der PDF-Datei steckt noch eine andere Datei. Darum nehmen wir die Datei nicht an.",
    ),
    (
        "Verschlüsselte oder kennwortgeschützte PDF-Dateien können nicht angenommen werden.",
        "لا يمكن قبول ملفات PDF المشفّرة أو المحمية بكلمة مرور.",
        "Şifrelenmiş veya parola korumalı PDF dosyaları kabul edilemez.",
        "Зашифровані або захищені паролем PDF-файли не приймаються.",
        "فایل\u200cهای PDF رمزگذاری\u200cشده یا دارای گذرواژه پذیرفته نمی\u200cشوند.",
        "Die PDF-Datei hat ein Pass·wort. So eine Datei können wir nicht annehmen. Bitte "
        "schicken Sie die Datei ohne Pass·wort.",
    ),
    (
        "Die PDF-Datei ist beschädigt und kann nicht gelesen werden.",
        "ملف PDF تالف ولا يمكن قراءته.",
        "PDF dosyası bozuk ve okunamıyor.",
        "PDF-файл пошкоджено, його неможливо прочитати.",
        "فایل PDF خراب است و قابل خواندن نیست.",
        "Die PDF-Datei ist kaputt. Wir können sie nicht öffnen.",
    ),
    (
        "Die PDF-Datei ist zu komplex aufgebaut und kann nicht geprüft werden.",
        "بنية ملف PDF معقدة جدًا ولا يمكن فحصه.",
        "PDF dosyasının yapısı çok karmaşık ve kontrol edilemiyor.",
        "PDF-файл має надто складну будову, його неможливо перевірити.",
        "ساختار فایل PDF بیش از حد پیچیده است و قابل بررسی نیست.",
        "Die PDF-Datei ist zu schwierig für unsere Prüfung. Bitte schicken Sie ein Foto davon.",
    ),
    (
        "Die PDF-Datei ist zu tief verschachtelt.",
        "بنية ملف PDF متداخلة بعمق كبير.",
        "PDF dosyası çok derin iç içe yapılandırılmış.",
        "PDF-файл має надто глибоку вкладеність.",
        "ساختار فایل PDF بیش از حد تودرتو است.",
        "Die PDF-Datei ist zu schwierig für unsere Prüfung. Bitte schicken Sie ein Foto davon.",
    ),
    (
        "Die PDF-Datei enthält aktive Inhalte (JavaScript, automatische Aktionen, eingebettete "
        "Dateien oder Formular-Skripte) und wurde abgelehnt. Bitte drucken Sie das Dokument "
        "erneut als PDF und laden Sie es noch einmal hoch.",
        "يحتوي ملف PDF على محتوى نشط (JavaScript أو إجراءات تلقائية أو ملفات مضمّنة أو نصوص "
        "برمجية للنماذج) وتم رفضه. يرجى طباعة المستند مرة أخرى بصيغة PDF ثم رفعه من جديد.",
        "PDF dosyası etkin içerik (JavaScript, otomatik eylemler, gömülü dosyalar veya form "
        "betikleri) içeriyor ve reddedildi. Lütfen belgeyi yeniden PDF olarak yazdırın ve "
        "tekrar yükleyin.",
        "PDF-файл містить активний вміст (JavaScript, автоматичні дії, вбудовані файли або "
        "скрипти форм) і його відхилено. Роздрукуйте документ ще раз як PDF і завантажте "
        "його знову.",
        "فایل PDF دارای محتوای فعال (JavaScript، کنش\u200cهای خودکار، فایل\u200cهای جاسازی\u200c"
        "شده یا اسکریپت فرم) است و پذیرفته نشد. لطفاً سند را دوباره به صورت PDF چاپ کنید و "
        "دوباره بارگذاری کنید.",
        "In der PDF-Datei ist Computer·code. Darum nehmen wir die Datei nicht an. Speichern Sie "
        "die Datei bitte neu als PDF. Das geht mit: Drucken als PDF. Dann schicken Sie die "
        "neue Datei.",
    ),
    (
        "Das Bild ist zu groß (höchstens %(mp)d Megapixel).",
        "الصورة كبيرة جدًا (الحد الأقصى %(mp)d ميغابكسل).",
        "Görüntü çok büyük (en fazla %(mp)d megapiksel).",
        "Зображення завелике (не більше %(mp)d мегапікселів).",
        "تصویر خیلی بزرگ است (حداکثر %(mp)d مگاپیکسل).",
        "Das Foto ist zu groß. Es darf höchstens %(mp)d Mega·pixel haben. Bitte machen Sie "
        "das Foto kleiner.",
    ),
    (
        "Das Bild ist beschädigt und kann nicht gelesen werden.",
        "الصورة تالفة ولا يمكن قراءتها.",
        "Görüntü bozuk ve okunamıyor.",
        "Зображення пошкоджено, його неможливо прочитати.",
        "تصویر خراب است و قابل خواندن نیست.",
        "Das Foto ist kaputt. Wir können es nicht öffnen.",
    ),
    # --- the receipt page -----------------------------------------------------------------------
    (
        "Ihre Meldung ist eingegangen",
        "وصلنا بلاغك",
        "Bildiriminiz alındı",
        "Ваше повідомлення отримано",
        "گزارش شما دریافت شد",
        "Wir haben Ihre Meldung bekommen",
    ),
    ("Bestätigung", "التأكيد", "Onay", "Підтвердження", "تأیید", "Bestätigung"),
    (
        "Danke, dass Sie uns davon erzählen. Das Team der Antidiskriminierungsstelle liest jede "
        "Meldung.",
        "شكرًا لأنك أخبرتنا بذلك. يقرأ فريق مكتب مكافحة التمييز كل بلاغ.",
        "Bize anlattığınız için teşekkür ederiz. Ayrımcılıkla Mücadele Birimi ekibi her "
        "bildirimi okur.",
        "Дякуємо, що розповіли нам. Команда служби протидії дискримінації читає кожне "
        "повідомлення.",
        "سپاسگزاریم که این را با ما در میان گذاشتید. تیم دفتر مبارزه با تبعیض همه گزارش\u200cها "
        "را می\u200cخواند.",
        "Danke für Ihre Meldung. Wir lesen jede Meldung. Wir sind die Antidiskriminierungs·stelle. "
        "Wir helfen bei Benachteiligung.",
    ),
    (
        "Ihr persönlicher Code – nur jetzt sichtbar",
        "رمزك الشخصي – يظهر الآن فقط",
        "Kişisel kodunuz – yalnızca şimdi görünür",
        "Ваш особистий код – видно лише зараз",
        "کد شخصی شما – فقط همین حالا دیده می\u200cشود",
        "Ihr Code. Sie sehen ihn nur jetzt.",
    ),
    (
        "Schreiben Sie den Code auf oder laden Sie die Bestätigung als PDF. Wir können ihn nicht "
        "wiederherstellen: Wir speichern ihn nur verschlüsselt.",
        "اكتب الرمز أو نزّل التأكيد كملف PDF. لا يمكننا استعادته: نحن نحفظه مشفّرًا فقط.",
        "Kodu not edin veya onayı PDF olarak indirin. Kodu geri getiremeyiz: yalnızca "
        "şifrelenmiş olarak saklıyoruz.",
        "Запишіть код або завантажте підтвердження у форматі PDF. Ми не можемо його "
        "відновити: ми зберігаємо його лише в зашифрованому вигляді.",
        "کد را یادداشت کنید یا تأییدیه را به صورت PDF دانلود کنید. ما نمی\u200cتوانیم آن را "
        "بازیابی کنیم: آن را فقط به صورت رمزگذاری\u200cشده نگه می\u200cداریم.",
        "Schreiben Sie den Code auf. Oder speichern Sie die Bestätigung als PDF-Datei. Wir "
        "können Ihnen den Code nicht noch einmal geben. Denn wir kennen ihn selbst nicht.",
    ),
    (
        "Bestätigung als PDF herunterladen",
        "تنزيل التأكيد كملف PDF",
        "Onayı PDF olarak indir",
        "Завантажити підтвердження у форматі PDF",
        "دانلود تأییدیه به صورت PDF",
        "Bestätigung als PDF-Datei speichern",
    ),
    (
        "Wie geht es weiter?",
        "ماذا بعد؟",
        "Bundan sonra ne olacak?",
        "Що далі?",
        "مرحله بعد چیست؟",
        "Wie geht es weiter?",
    ),
    (
        "Mit Ihrem Code können Sie in einigen Tagen nachsehen, ob wir geantwortet haben, und "
        "Ihre Meldung ergänzen.",
        "باستخدام رمزك يمكنك بعد بضعة أيام أن تتحقق مما إذا كنا قد رددنا، وأن تضيف معلومات "
        "إلى بلاغك.",
        "Kodunuzla birkaç gün sonra yanıt verip vermediğimize bakabilir ve bildiriminize bilgi "
        "ekleyebilirsiniz.",
        "За кілька днів ви зможете за своїм кодом перевірити, чи ми відповіли, і доповнити "
        "своє повідомлення.",
        "با کد خود می\u200cتوانید چند روز بعد ببینید که آیا پاسخ داده\u200cایم، و به گزارش "
        "خود چیزی اضافه کنید.",
        "Schauen Sie in ein paar Tagen wieder hier. Dafür brauchen Sie Ihren Code. Dann sehen "
        "Sie unsere Antwort. Und Sie können noch etwas dazu schreiben.",
    ),
    (
        "Zur Nachfrage mit Code",
        "إلى صفحة المتابعة بالرمز",
        "Kodla takip sayfasına",
        "До перевірки за кодом",
        "رفتن به پیگیری با کد",
        "Hier Antworten lesen mit Ihrem Code",
    ),
    # --- the follow-up pages ----------------------------------------------------------------------
    (
        "Antworten lesen und ergänzen",
        "قراءة الردود وإضافة معلومات",
        "Yanıtları okuyun ve bilgi ekleyin",
        "Читати відповіді та доповнити",
        "خواندن پاسخ\u200cها و افزودن اطلاعات",
        "Antworten lesen und etwas dazu schreiben",
    ),
    (
        "Nachfrage mit Code",
        "المتابعة بالرمز",
        "Kodla takip",
        "Перевірка за кодом",
        "پیگیری با کد",
        "Nach·fragen mit Code",
    ),
    (
        "Geben Sie den Code ein, den Sie nach Ihrer Meldung erhalten haben.",
        "أدخل الرمز الذي حصلت عليه بعد إرسال بلاغك.",
        "Bildiriminizden sonra aldığınız kodu girin.",
        "Введіть код, який ви отримали після свого повідомлення.",
        "کدی را که پس از گزارش خود دریافت کرده\u200cاید وارد کنید.",
        "Sie haben nach Ihrer Meldung einen Code bekommen. Bitte schreiben Sie den Code hier hin.",
    ),
    ("Ihr Code", "رمزك", "Kodunuz", "Ваш код", "کد شما", "Ihr Code"),
    (
        "Der Code von Ihrer Bestätigung, z. B. ABCD-EFGH-JKMN-PQRS-TVWX-1234.",
        "الرمز الموجود في التأكيد، مثلًا ABCD-EFGH-JKMN-PQRS-TVWX-1234.",
        "Onayınızdaki kod, ör. ABCD-EFGH-JKMN-PQRS-TVWX-1234.",
        "Код із вашого підтвердження, наприклад ABCD-EFGH-JKMN-PQRS-TVWX-1234.",
        "کدی که در تأییدیه شما آمده است، مثلاً ABCD-EFGH-JKMN-PQRS-TVWX-1234.",
        "Der Code steht auf Ihrer Bestätigung. So sieht ein Code aus: "
        "ABCD-EFGH-JKMN-PQRS-TVWX-1234.",
    ),
    (
        "Meldung öffnen",
        "فتح البلاغ",
        "Bildirimi aç",
        "Відкрити повідомлення",
        "باز کردن گزارش",
        "Meldung öffnen",
    ),
    (
        "Eine neue Meldung abgeben",
        "تقديم بلاغ جديد",
        "Yeni bir bildirimde bulunun",
        "Надіслати нове повідомлення",
        "ثبت گزارش تازه",
        "Eine neue Meldung machen",
    ),
    (
        "Ihre Ergänzung ist gespeichert.",
        "تم حفظ إضافتك.",
        "Eklediğiniz bilgi kaydedildi.",
        "Ваше доповнення збережено.",
        "افزوده شما ذخیره شد.",
        "Wir haben gespeichert, was Sie dazu geschrieben haben.",
    ),
    (
        "Eingegangen am",
        "تاريخ الاستلام",
        "Alındığı tarih",
        "Отримано",
        "تاریخ دریافت",
        "Bekommen am",
    ),
    ("Stand", "الحالة", "Durum", "Стан", "وضعیت", "Wie weit sind wir?"),
    ("Wann", "متى", "Ne zaman", "Коли", "چه زمانی", "Wann"),
    ("Wo", "أين", "Nerede", "Де", "کجا", "Wo"),
    (
        "Lebensbereich",
        "مجال الحياة",
        "Hayat alanı",
        "Сфера життя",
        "حوزه زندگی",
        "Bereich im Leben",
    ),
    ("Merkmale", "الأسباب", "Özellikler", "Ознаки", "ویژگی\u200cها", "Gründe"),
    ("Dateien", "الملفات", "Dosyalar", "Файли", "فایل\u200cها", "Dateien"),
    (
        "Ihre Schilderung",
        "وصفك لما حدث",
        "Anlatımınız",
        "Ваш опис",
        "شرح شما",
        "Das haben Sie geschrieben",
    ),
    ("Nachrichten", "الرسائل", "Mesajlar", "Повідомлення", "پیام\u200cها", "Nachrichten"),
    (
        "Antwort der Antidiskriminierungsstelle",
        "رد مكتب مكافحة التمييز",
        "Ayrımcılıkla Mücadele Biriminin yanıtı",
        "Відповідь служби протидії дискримінації",
        "پاسخ دفتر مبارزه با تبعیض",
        "Antwort von der Antidiskriminierungs·stelle",
    ),
    (
        "Ihre Ergänzung",
        "إضافتك",
        "Eklediğiniz bilgi",
        "Ваше доповнення",
        "افزوده شما",
        "Das haben Sie dazu geschrieben",
    ),
    (
        "Noch keine Nachrichten. Schauen Sie in einigen Tagen wieder vorbei.",
        "لا توجد رسائل بعد. عد إلى هنا بعد بضعة أيام.",
        "Henüz mesaj yok. Birkaç gün sonra tekrar bakın.",
        "Повідомлень ще немає. Загляньте знову за кілька днів.",
        "هنوز پیامی نیست. چند روز دیگر دوباره سر بزنید.",
        "Es gibt noch keine Nachricht. Schauen Sie in ein paar Tagen wieder hier.",
    ),
    (
        "Etwas ergänzen",
        "إضافة معلومات",
        "Bilgi ekleyin",
        "Щось доповнити",
        "افزودن اطلاعات",
        "Noch etwas dazu schreiben",
    ),
    (
        "Was möchten Sie ergänzen?",
        "ما الذي تريد إضافته؟",
        "Ne eklemek istersiniz?",
        "Що ви хочете доповнити?",
        "چه چیزی می\u200cخواهید اضافه کنید؟",
        "Was möchten Sie noch sagen?",
    ),
    (
        "Weitere Dateien",
        "ملفات إضافية",
        "Başka dosyalar",
        "Інші файли",
        "فایل\u200cهای بیشتر",
        "Noch mehr Dateien",
    ),
    (
        "Ergänzung senden",
        "إرسال الإضافة",
        "Eklemeyi gönder",
        "Надіслати доповнення",
        "ارسال افزوده",
        "Abschicken",
    ),
    (
        "Diese Meldung ist abgeschlossen.",
        "هذا البلاغ مغلق.",
        "Bu bildirim kapatıldı.",
        "Це повідомлення закрито.",
        "این گزارش بسته شده است.",
        "Diese Meldung ist fertig.",
    ),
    # --- the PDF receipt --------------------------------------------------------------------------
    (
        "Bestätigung Ihrer Meldung",
        "تأكيد بلاغك",
        "Bildiriminizin onayı",
        "Підтвердження вашого повідомлення",
        "تأییدیه گزارش شما",
        "Bestätigung für Ihre Meldung",
    ),
    (
        "Ihre Meldung einer Diskriminierung ist bei der Antidiskriminierungsstelle eingegangen.",
        "وصل بلاغك عن التمييز إلى مكتب مكافحة التمييز.",
        "Ayrımcılık bildiriminiz Ayrımcılıkla Mücadele Birimine ulaştı.",
        "Ваше повідомлення про дискримінацію надійшло до служби протидії дискримінації.",
        "گزارش شما درباره تبعیض به دفتر مبارزه با تبعیض رسید.",
        "Sie haben uns eine Benachteiligung gemeldet. Die Antidiskriminierungs·stelle hat Ihre "
        "Meldung bekommen.",
    ),
    (
        "Ihr persönlicher Code:",
        "رمزك الشخصي:",
        "Kişisel kodunuz:",
        "Ваш особистий код:",
        "کد شخصی شما:",
        "Ihr Code:",
    ),
    (
        "Mit diesem Code können Sie Antworten lesen und Ihre Meldung ergänzen:",
        "بهذا الرمز يمكنك قراءة الردود وإضافة معلومات إلى بلاغك:",
        "Bu kodla yanıtları okuyabilir ve bildiriminize bilgi ekleyebilirsiniz:",
        "З цим кодом ви можете читати відповіді та доповнювати своє повідомлення:",
        "با این کد می\u200cتوانید پاسخ\u200cها را بخوانید و به گزارش خود چیزی اضافه کنید:",
        "Mit dem Code können Sie unsere Antwort lesen. Und Sie können noch etwas dazu "
        "schreiben. Hier:",
    ),
    (
        "Bewahren Sie den Code sicher auf. Wer ihn kennt, kann Ihre Meldung lesen. Wir können "
        "ihn nicht wiederherstellen.",
        "احفظ الرمز في مكان آمن. من يعرفه يستطيع قراءة بلاغك. لا يمكننا استعادته.",
        "Kodu güvenli bir yerde saklayın. Kodu bilen herkes bildiriminizi okuyabilir. Kodu "
        "geri getiremeyiz.",
        "Зберігайте код у безпечному місці. Хто його знає, може прочитати ваше повідомлення. "
        "Ми не можемо його відновити.",
        "کد را در جای امنی نگه دارید. هر کس آن را بداند می\u200cتواند گزارش شما را بخواند. ما "
        "نمی\u200cتوانیم آن را بازیابی کنیم.",
        "Heben Sie den Code gut auf. Zeigen Sie den Code niemandem. Mit dem Code kann man Ihre "
        "Meldung lesen. Wir können Ihnen den Code nicht noch einmal geben.",
    ),
]

# msgid, msgid_plural and the plural forms per language
PLURALS: list[tuple[str, str, dict[str, list[str]]]] = [
    (
        "%(n)s Datei",
        "%(n)s Dateien",
        {
            "ar": [
                "لا ملفات",
                "ملف واحد",
                "ملفان",
                "%(n)s ملفات",
                "%(n)s ملفًا",
                "%(n)s ملف",
            ],
            "tr": ["%(n)s dosya", "%(n)s dosya"],
            "uk": ["%(n)s файл", "%(n)s файли", "%(n)s файлів"],
            "fa": ["%(n)s فایل", "%(n)s فایل"],
            "de_LS": ["%(n)s Datei", "%(n)s Dateien"],
        },
    ),
]

# Django's own messages the report form can show, in Leichte Sprache (de_LS only)
DJANGO_DE_LS: list[tuple[str, str]] = [
    ("This field is required.", "Bitte füllen Sie dieses Feld aus."),
    ("Enter a valid date.", "Bitte schreiben Sie ein richtiges Datum."),
    (
        "Select a valid choice. That choice is not one of the available choices.",
        "Bitte wählen Sie etwas aus der Liste.",
    ),
    (
        "Select a valid choice. %(value)s is not one of the available choices.",
        "Bitte wählen Sie etwas aus der Liste. %(value)s steht nicht in der Liste.",
    ),
    ("Enter a list of values.", "Bitte wählen Sie etwas aus der Liste."),
    (
        "Enter a valid email address.",
        "Die E-Mail-Adresse stimmt nicht. Bitte prüfen Sie die E-Mail-Adresse.",
    ),
    ("Null characters are not allowed.", "Im Text ist ein Zeichen, das nicht erlaubt ist."),
    ("The submitted file is empty.", "Die Datei ist leer."),
    (
        "No file was submitted. Check the encoding type on the form.",
        "Die Datei ist nicht angekommen. Bitte versuchen Sie es noch einmal.",
    ),
]
DJANGO_DE_LS_PLURALS: list[tuple[str, str, list[str]]] = [
    (
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        [
            "Der Text ist zu lang. Bitte schreiben Sie höchstens %(limit_value)d Zeichen. "
            "Jetzt sind es %(show_value)d Zeichen.",
            "Der Text ist zu lang. Bitte schreiben Sie höchstens %(limit_value)d Zeichen. "
            "Jetzt sind es %(show_value)d Zeichen.",
        ],
    ),
]
