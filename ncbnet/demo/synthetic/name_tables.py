"""Hand-made tables of names whose script does not write every vowel (Arabic, Persian, Hebrew) and of
Korean surnames, each with the Latin spellings met in passports and police files.

Arabic and Hebrew script leave short vowels out, so no letter-by-letter rule gives "Mohammed" from
"محمد"; the synthetic persons take these names from here instead of from Faker. Each line is
`original  spellings | second spellings`: for Arabic the first group is the English-influenced usage
(Gulf, Levant, Egypt), the second the French-influenced usage (Maghreb, Lebanon); for the other tables
the second group is absent. The first spelling of a group is the most common one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableName:
    original: str
    spellings: tuple[str, ...]  # preferred first
    second_spellings: tuple[str, ...]  # the Maghreb/French usage for Arabic, else empty


def _parse(table: str) -> tuple[TableName, ...]:
    names = []
    for line in table.strip().splitlines():
        original, _, forms = line.strip().partition(" ")
        first, _, second = forms.partition("|")
        names.append(
            TableName(
                original,
                tuple(form.strip() for form in first.split("/") if form.strip()),
                tuple(form.strip() for form in second.split("/") if form.strip()),
            )
        )
    return tuple(names)


ARABIC_GIVEN_MALE = _parse("""
محمد Mohammed/Muhammad/Mohammad/Mohamed/Mohamad | Mohamed/Mohammed/Mohamad
أحمد Ahmed/Ahmad | Ahmed
علي Ali | Ali
حسن Hassan/Hasan | Hassan/Hacene
حسين Hussein/Hussain/Husain/Hossein | Hocine/Hussein
عمر Omar/Umar | Omar
خالد Khaled/Khalid | Khaled/Khalid
يوسف Yousef/Youssef/Yusuf/Yousif/Yusef | Youssef/Youcef/Yousef
إبراهيم Ibrahim/Ebrahim | Brahim/Ibrahim
عبدالله Abdullah/Abdallah/Abdulla | Abdallah/Abdellah
عبدالرحمن Abdulrahman/Abdelrahman/Abdalrahman | Abderrahmane/Abderrahman
عبدالعزيز Abdulaziz/Abdelaziz/Abdalaziz | Abdelaziz
عبدالقادر Abdulqader/Abdelkader/Abdulkadir | Abdelkader/Abdelkadir
عبدالكريم Abdulkarim/Abdelkarim | Abdelkrim/Abdelkarim
مصطفى Mustafa/Mostafa/Moustafa | Mustapha/Moustafa
محمود Mahmoud/Mahmud | Mahmoud
سعيد Saeed/Said/Saied | Said/Saïd
سلمان Salman/Selman | Salman
فهد Fahad/Fahd | Fahd
فيصل Faisal/Faysal/Feisal | Fayçal/Faycal
ناصر Nasser/Nasir/Naser | Nacer/Nasser
طارق Tariq/Tarek/Tarik | Tarek/Tarik
كريم Karim/Kareem | Karim
رشيد Rashid/Rasheed | Rachid
سمير Samir/Sameer | Samir
جمال Jamal/Gamal | Djamel/Jamel
عادل Adel/Adil | Adel
هشام Hisham/Hesham | Hicham
وليد Walid/Waleed | Walid
ياسر Yasser/Yasir/Yaser | Yacer/Yasser
بلال Bilal/Belal | Bilal
حمزة Hamza/Hamzah | Hamza
زياد Ziad/Ziyad/Zeyad | Ziad
ماجد Majed/Majid | Majid
منصور Mansour/Mansur | Mansour
نبيل Nabil/Nabeel | Nabil
أسامة Osama/Usama/Usamah | Oussama/Ousama
أمين Amin/Ameen | Amine
صالح Saleh/Salih | Salah/Saleh
عثمان Othman/Uthman/Osman | Othmane/Otmane
عمار Ammar | Ammar
إسماعيل Ismail/Ismael | Smail/Ismail
سليمان Suleiman/Sulaiman/Sulayman | Slimane/Soulaimane
موسى Musa/Mousa/Moussa | Moussa
عيسى Issa/Eisa/Isa | Aissa/Issa
يحيى Yahya/Yehia | Yahia
زكريا Zakaria/Zakariya/Zakariyya | Zakaria
أنس Anas | Anas
طه Taha | Taha
مهدي Mahdi/Mehdi | Mehdi
رضا Reda/Rida/Ridha | Reda/Ridha
مراد Murad/Mourad | Mourad
هاني Hani/Hany | Hani
سامي Sami/Samy | Sami
جعفر Jafar/Jaafar | Djafar/Jaafar
قاسم Qasim/Qassem/Kassem/Kasim | Kacem
عباس Abbas | Abbas
حامد Hamed/Hamid | Hamid
أيمن Ayman/Aymen | Aymen
باسل Basel/Basil/Bassel | Bassel
رامي Rami/Ramy | Rami
شريف Sharif/Sherif/Shareef | Cherif/Chérif
منير Munir/Mounir | Mounir
إدريس Idris/Idriss | Driss/Idriss
نزار Nizar | Nizar
وائل Wael/Wail | Wael
أنور Anwar/Anouar | Anouar
""")

ARABIC_GIVEN_FEMALE = _parse("""
فاطمة Fatima/Fatma/Fatimah | Fatima/Fatma
عائشة Aisha/Aishah/Ayesha/Aysha | Aicha/Aïcha
مريم Maryam/Mariam/Meryem | Meriem/Myriam
خديجة Khadija/Khadijah | Khadija/Khedidja
زينب Zainab/Zaynab/Zeinab | Zineb
نور Nour/Noor/Nur | Nour
ليلى Layla/Leila/Laila | Leila/Leïla
سارة Sara/Sarah | Sara
هدى Huda/Hoda | Houda
أمل Amal | Amal
سلمى Salma | Salma
رانيا Rania/Ranya | Rania
ياسمين Yasmin/Yasmine/Jasmin | Yasmine
هند Hind/Hend | Hind
رقية Ruqayya/Roqaya/Ruqaiya | Rokia/Roukaya
آمنة Amina/Aminah/Amna | Amina/Amna
سمية Sumayya/Somaya/Sumaya | Soumaya/Soumia
حليمة Halima/Halimah | Halima
نادية Nadia/Nadiya | Nadia
إيمان Iman/Eman | Imane/Iman
أسماء Asma/Asmaa | Asma/Asmaa
حنان Hanan | Hanane
منى Mona/Muna | Mouna/Mona
لبنى Lubna/Loubna | Loubna
سعاد Suad/Souad | Souad
رحمة Rahma/Rahmah | Rahma
غادة Ghada | Ghada
جميلة Jamila/Jameela | Djamila/Jamila
نجلاء Najla/Naglaa | Najla
وفاء Wafaa/Wafa | Wafa
كريمة Karima/Kareema | Karima
سهام Siham/Seham | Siham
بشرى Bushra/Boushra | Bouchra
دنيا Dunya/Donia | Dounia
""")

# Family names: those written with the article al- keep it in every spelling, as passports do.
ARABIC_FAMILY = _parse("""
الرشيد Al-Rashid/Al-Rasheed/Ar-Rashid/El-Rashid | El-Rachid/Er-Rachid
الحسن Al-Hassan/Al-Hasan/El-Hassan | El-Hassan
الأحمد Al-Ahmad/Al-Ahmed | El-Ahmed
الشمري Al-Shammari/Al-Shammary/Ash-Shammari | Chammari/El-Chammari
العتيبي Al-Otaibi/Al-Utaybi/Al-Oteibi | El-Otaibi
القحطاني Al-Qahtani/Al-Kahtani/Al-Gahtani | El-Kahtani
الدوسري Al-Dosari/Al-Dossary/Ad-Dawsari | El-Dossari
الزهراني Al-Zahrani/Az-Zahrani | El-Zahrani
الغامدي Al-Ghamdi/Al-Ghamidi | El-Ghamdi
الحربي Al-Harbi | El-Harbi
المطيري Al-Mutairi/Al-Mutayri/Al-Mteiri | El-Mutairi
الخطيب Al-Khatib/Al-Khateeb/El-Khatib | El-Khatib/Khatib
الحسيني Al-Husseini/Al-Husayni/El-Husseini | El-Husseini/Husseini
الجبوري Al-Jubouri/Al-Jabouri/Al-Juburi | El-Jabouri
التميمي Al-Tamimi/At-Tamimi/Al-Timimi | Tamimi
المصري Al-Masri/El-Masry/Al-Masry | El-Masri/Masri
الشامي Al-Shami/Ash-Shami/El-Shami | Chami/El-Chami
البغدادي Al-Baghdadi/El-Baghdadi | Baghdadi
الحلبي Al-Halabi/El-Halaby | Halabi
الفاسي Al-Fassi/El-Fassi | El-Fassi/Elfassi
العلوي Al-Alawi/Al-Alaoui | Alaoui/El-Alaoui
الإدريسي Al-Idrisi/El-Idrissi | Idrissi/El-Idrissi
العمري Al-Omari/Al-Umari | El-Omari/Omari
الكبيسي Al-Kubaisi/Al-Kubaissi | Kubaissi
الساعدي Al-Saadi/As-Saadi | Saadi/Essaadi
الربيعي Al-Rubaie/Al-Rubaiee/Ar-Rubai | Rubaie
النجار Al-Najjar/An-Najjar/El-Naggar | Najjar/Ennajjar
الحداد Al-Haddad/El-Haddad | El-Haddad/Haddad
حداد Haddad/Hadad | Haddad
خليل Khalil/Khaleel | Khelil/Khalil
منصور Mansour/Mansur | Mansour
عثمان Othman/Osman/Uthman | Othmane
سليمان Suleiman/Sulaiman | Slimane/Soliman
بوزيد Bouzid/Bouzaid | Bouzid
الطرابلسي Trabelsi/Al-Tarabulsi | Trabelsi
عمراني Amrani/Omrani | Amrani/Omrani
بلقاسم Belkacem/Belqasim | Belkacem
زيدان Zidan/Zeidan | Zidane
درويش Darwish/Darweesh | Derouiche
نصار Nassar/Nasar | Nassar
عبيد Obeid/Ubaid/Obaid | Obeid
شاهين Shaheen/Shahin | Chahine
قاسم Qasim/Kassem/Qassem | Kacem
يعقوب Yacoub/Yaqub/Yakoub | Yacoub
عيسى Issa/Eissa | Aissa/Issa
فرحات Farhat/Farhath | Ferhat
سالم Salem/Salim | Salem
""")

PERSIAN_GIVEN_MALE = _parse("""
محمد Mohammad/Mohamad/Muhammad/Mohammed
علی Ali
حسین Hossein/Hosein/Hussein/Hosseyn
رضا Reza
مهدی Mehdi/Mahdi
امیر Amir
حسن Hassan/Hasan
محمدرضا Mohammadreza/Mohammad-Reza/Mohamadreza
علیرضا Alireza/Ali-Reza
سعید Saeed/Saeid/Said
مجید Majid/Madjid
حمید Hamid
مسعود Masoud/Massoud/Masud
بهروز Behrouz/Behruz/Behrooz
فرهاد Farhad
داریوش Dariush/Daryoush/Darioush
کاوه Kaveh/Kaweh
بابک Babak
پویا Pouya/Puya/Pooya
آرش Arash
سینا Sina
جواد Javad/Djavad
مرتضی Morteza/Mortaza
مصطفی Mostafa/Mustafa
ابراهیم Ebrahim/Ibrahim
یوسف Yousef/Yusef/Youssef
اکبر Akbar
نادر Nader/Nadir
شهرام Shahram
کامران Kamran
""")

PERSIAN_GIVEN_FEMALE = _parse("""
فاطمه Fatemeh/Fatemah/Fatima
زهرا Zahra
مریم Maryam/Mariam
سارا Sara/Sarah
نرگس Narges/Nargis
لیلا Leila/Layla/Leyla
مینا Mina
شیرین Shirin/Shireen
نسرین Nasrin/Nasreen
پریسا Parisa
نازنین Nazanin
مهسا Mahsa
الهام Elham
سمیرا Samira
آزاده Azadeh/Azade
فرشته Fereshteh/Fereshte
شبنم Shabnam
ستاره Setareh/Setare
نیلوفر Niloufar/Nilufar/Niloofar
معصومه Masoumeh/Masoume/Massoumeh
طاهره Tahereh/Tahere
""")

PERSIAN_FAMILY = _parse("""
احمدی Ahmadi
حسینی Hosseini/Hoseini/Husseini
محمدی Mohammadi/Mohamadi
رضایی Rezaei/Rezaee/Rezaie/Rezai
کریمی Karimi
جعفری Jafari/Jafary/Jaafari
موسوی Mousavi/Musavi/Moosavi
هاشمی Hashemi/Hashimi
رحیمی Rahimi
مرادی Moradi/Muradi
صادقی Sadeghi/Sadeqi
قاسمی Ghasemi/Qasemi/Ghassemi
کاظمی Kazemi/Kazimi
عباسی Abbasi
نوری Nouri/Nuri/Noori
طاهری Taheri
ابراهیمی Ebrahimi/Ibrahimi
سلیمانی Soleimani/Soleymani/Sulaimani
اکبری Akbari
امینی Amini
حیدری Heidari/Haidari/Heydari
نجفی Najafi
شریفی Sharifi
رستمی Rostami/Rustami
زارعی Zarei/Zareie
یزدانی Yazdani
خسروی Khosravi/Khosrowi
بهرامی Bahrami
تهرانی Tehrani
اصفهانی Esfahani/Isfahani
شیرازی Shirazi
حسینزاده Hosseinzadeh/Hosseinzade/Husseinzadeh
علیپور Alipour/Alipur/Alipoor
رضانژاد Rezanejad/Rezanezhad
""")

HEBREW_GIVEN_MALE = _parse("""
דוד David/Dovid
יוסף Yosef/Yossef/Josef/Joseph
משה Moshe/Moishe
אברהם Avraham/Abraham
יצחק Yitzhak/Itzhak/Yitzchak/Itzchak
יעקב Yaakov/Yaacov/Yakov/Jacob
שלמה Shlomo/Shelomo
חיים Haim/Chaim/Hayim
אליהו Eliyahu/Eliahu
שמואל Shmuel/Samuel
דניאל Daniel
מיכאל Michael/Mikhael
אריאל Ariel
נועם Noam
איתי Itai/Itay
עומר Omer
יונתן Yonatan/Jonathan
אורי Uri/Ori
אלון Alon
רפאל Refael/Raphael/Rafael
בנימין Binyamin/Benjamin
נתן Natan/Nathan
אהרון Aharon/Aaron
מנחם Menachem/Menahem
צבי Tzvi/Zvi/Tsvi
עידו Ido/Iddo
תומר Tomer
""")

HEBREW_GIVEN_FEMALE = _parse("""
שרה Sarah/Sara
רבקה Rivka/Rivkah/Rebecca
רחל Rachel/Rahel
לאה Leah/Lea
מרים Miriam/Miryam
יעל Yael/Jael
נועה Noa/Noah
תמר Tamar
שירה Shira
מיכל Michal/Mikhal
אסתר Esther/Ester
חנה Hannah/Hana/Chana
אביגיל Avigail/Abigail
רות Ruth/Rut
דבורה Dvora/Devora/Deborah
אורית Orit
ענבל Inbal
הדס Hadas/Hadass
מאיה Maya/Maia
טליה Talia/Taliya
""")

HEBREW_FAMILY = _parse("""
כהן Cohen/Kohen/Coen/Kohn
לוי Levi/Levy
מזרחי Mizrahi/Mizrachi
פרץ Peretz/Perez
ביטון Biton/Bitton
דהן Dahan
אברהם Avraham/Abraham
פרידמן Friedman/Fridman
כץ Katz/Kats
אזולאי Azoulay/Azulay/Azoulai
שפירא Shapira/Shapiro
גולדברג Goldberg
אוחיון Ohayon/Ohion
חדד Hadad/Haddad
גבאי Gabay/Gabai
מלכה Malka
שלום Shalom
אשכנזי Ashkenazi
סגל Segal/Segel
רוזנברג Rosenberg/Rozenberg
ברק Barak
שטרן Stern/Shtern
וייס Weiss/Weis/Vais
גרינברג Greenberg/Grinberg
קפלן Kaplan
חזן Hazan/Chazan/Hazzan
עמר Amar/Ammar
אלבז Elbaz
בוזגלו Buzaglo/Bouzaglo
נחום Nachum/Nahum
שחר Shahar/Shachar
""")

# Korean surnames as carried in passports: the Revised Romanization (2000) spelling is often not the
# one families use (이 is "Lee" far more than "I"), so these come from usage, not from a rule.
KOREAN_FAMILY = _parse("""
김 Kim/Gim
이 Lee/Yi/Rhee/I
박 Park/Pak/Bak
최 Choi/Choe
정 Jung/Jeong/Chung
강 Kang/Gang
조 Cho/Jo
윤 Yoon/Yun
장 Jang/Chang
임 Lim/Im/Rim
한 Han
오 Oh/O
서 Seo/Suh/So
신 Shin/Sin
권 Kwon/Gwon
황 Hwang
안 Ahn/An
송 Song
류 Ryu/Yoo/Yu
전 Jeon/Jun/Chun
홍 Hong
고 Ko/Go/Koh
문 Moon/Mun
양 Yang
손 Son/Sohn
배 Bae/Pae
백 Baek/Paik/Paek
허 Heo/Huh/Hur
유 Yoo/Yu/You
남 Nam
심 Shim/Sim
노 Noh/Roh/No
하 Ha
곽 Kwak/Gwak
성 Sung/Seong
차 Cha
주 Joo/Ju/Chu
우 Woo/U
구 Koo/Gu/Ku
민 Min
진 Jin/Chin
지 Ji/Chi
엄 Eom/Um/Uhm
채 Chae
원 Won
천 Cheon/Chun
방 Bang/Pang
공 Kong/Gong
현 Hyun/Hyeon
함 Ham
변 Byun/Byeon/Pyun
염 Yeom/Yum
여 Yeo/Yuh
추 Choo/Chu
도 Do/Doh/To
소 So
석 Seok/Suk
선 Sun/Seon
설 Seol/Sul
마 Ma
길 Gil/Kil
연 Yeon/Yun
위 Wi/Wee
표 Pyo
명 Myung/Myeong
기 Ki/Gi
반 Ban/Pan
왕 Wang
금 Keum/Geum
옥 Ok
육 Yook/Yuk
인 In
맹 Maeng
제 Je/Jae
모 Mo
탁 Tak
국 Kook/Guk
은 Eun
용 Yong
경 Kyung/Gyeong
봉 Bong
부 Boo/Bu
황보 Hwangbo
남궁 Namgung/Namkung
제갈 Jegal
선우 Sunwoo/Seonwoo
""")

# Arabic nasab particles ("son of", "daughter of") and their usual Latin forms by region.
NASAB_SON = TableName("بن", ("bin", "ibn", "bn"), ("ben", "ibn"))
NASAB_DAUGHTER = TableName("بنت", ("bint",), ("bent", "bint"))
