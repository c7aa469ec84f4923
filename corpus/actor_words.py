"""Word lists the actor rules read: titles, name particles, capitalised words that are not names."""
from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Capitalised titles that belong to the name they precede (President Donald Trump).
TITLES = _set("""
President Vice Chancellor Prime Minister Ministers Secretary Ambassador Envoy Senator Sen Sen. Governor
Gov Gov. Mayor King Queen Prince Princess Pope General Gen Gen. Commissioner Director Chairman
Chairwoman Chair Chief Executive Spokesperson Spokesman Spokeswoman Judge Justice Dr Dr. Mr Mr. Mrs
Mrs. Ms Ms. Sir Lord Lady Dame Premier Emir Sheikh Sheik Deputy Acting Speaker Leader Representative
Rep Rep. Col Col. Capt Capt. Lt Lt. Adm Adm. Archbishop Bishop Cardinal Rabbi Imam Professor Prof
Prof. Foreign Defence Defense Interior Finance Economy Economics Trade Health Justice Attorney
Commander Marshal Colonel Captain Lieutenant Admiral Sergeant Inspector Superintendent Councillor
Councilor Congressman Congresswoman MP MEP CEO CFO Chief Founder President-elect Majority Minority
""")
# Lowercase words allowed inside a name between capitalised words (Ursula von der Leyen, Bank of England).
PARTICLES = _set("von van der den de del della di da du la le bin ibn al el ten ter dos das zu of")
# Words after which "for" continues an organisation's name (Federal Office for Information Security).
ORG_HEADS = _set("""
Office Center Centre Institute Council Commission Committee Agency Ministry Department Foundation
Association Alliance Fund Coalition Campaign Union Organisation Organization Society League Bureau
Board Authority Service Secretary Minister Court Party Movement Front Network Forum
""")
# "to" continues a title only after these (US Ambassador to Germany Richard A. Grenell).
TO_HEADS = _set("Ambassador Envoy Representative Delegate Emissary")
ABBREVIATIONS = _set("Mr. Mrs. Ms. Dr. St. Jr. Sr. Gen. Sen. Rep. Gov. Prof. Lt. Col. Capt. Adm. Mt. No.")

# Capitalised words that start sentences or headlines and are not names on their own.
NOT_NAMES = _set("""
The A An In On At If While But And Or Nor So Yet For Of To From By With Without As After Before
Since Until Because Although Though However Meanwhile Instead Further Furthermore Moreover Also
Still Even Just Most More Many Some Any All Each Every Both Either Neither No Not Only Other Others
Such This That These Those There Here Then Now Today Yesterday Tomorrow It Its He She They We You I
Me Him Her Us Them His Hers Their Theirs Our Ours Your My Mine Who Whom Whose What Which When Where Why
How Whether According Along Among Amid Amidst Against Across About Above Below Under Over Into Onto
Upon Within Through Throughout During Despite Unlike Like Via Per Yes Please Thanks Thank Is Are Was
Were Be Been Being Has Have Had Do Does Did Will Would Can Could Should Shall May Might Must Let Here
Again Also Already Last Next First Second Third Earlier Later Finally Overall Indeed Perhaps
Featured Related Read See Watch Subscribe Sign Share Topics Advertisement Photo File Image Video
Source Sources Editor Editing Reporting Updated Published Copyright Click Follow Also Breaking News
Exclusive Opinion Analysis Comment Comments Live Update Says Said Sets Tells Warns Calls No.
Senior Junior Former Top
""")
MONTHS_AND_DAYS = _set("""
January February March April May June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""")
# Nationality adjectives and demonyms: a name's part (German Foreign Minister), never a name alone.
DEMONYMS = _set("""
American Americans British Briton Britons English Scottish Welsh Irish French German Germans
Italian Italians Spanish Spaniard Portuguese Dutch Belgian Swiss Austrian Austrians Swedish Swede
Norwegian Danish Finnish Polish Pole Poles Czech Slovak Hungarian Romanian Bulgarian Greek Greeks
Turkish Turk Turks Russian Russians Ukrainian Ukrainians Belarusian Chinese Japanese Korean
Koreans Taiwanese Vietnamese Thai Indian Indians Pakistani Pakistanis Afghan Afghans Iranian
Iranians Iraqi Iraqis Syrian Syrians Israeli Israelis Palestinian Palestinians Saudi Saudis
Egyptian Egyptians Cypriot Cypriots Libyan African Africans Nigerian Kenyan Ethiopian Canadian Canadians Mexican
Mexicans Brazilian Brazilians Argentine Argentinian Chilean Peruvian Colombian Venezuelan Cuban
Australian Australians European Europeans Asian Asians Western Eastern Northern Southern Arab Arabs
Muslim Muslims Christian Christians Jewish Catholic Protestant Latin Nordic Baltic Balkan
Scandinavian Soviet Communist Democrat Democrats Republican Republicans Conservative Conservatives
""")
# Capital-letter abbreviations that name no organisation (IT theft, GDP growth).
NOT_ACTOR_ACRONYMS = _set("IT TV PC AI GDP PR OK DNA HIV AIDS COVID GPS USB SMS VPN FAQ PDF CCTV ID IQ RSS")
# Countries of one word: names even when they start a sentence and appear nowhere else.
COUNTRIES = _set("""
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas
Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil
Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia
Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji
Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan
Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania
Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia
Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama
Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia
Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria
Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine
Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe Britain England Scotland Wales
America USA US UK EU
""")
# Words that end organisations' and places' names, never people's: no surname to take from them.
ORG_WORDS = ORG_HEADS | _set("""
Journal Times Post News Daily Herald Tribune Gazette Telegraph Guardian Press Inc Ltd Corp Co Company
Corporation Group Bank Street House Initiative Zeitung Airlines Motors Stream Patent Ministry Embassy
Parliament Congress Senate Government Administration Army Navy Police Agency University College
School Hospital Church Times Square Road Avenue River Valley City County Province Region Republic
Kingdom States Union Nations Island Islands Sea Ocean Mountains Well Team Adjusted Video Phone
""")
# Organisations whose initials spell a common word: still acronyms in capitals.
ACRONYMS_LIKE_WORDS = _set("WHO NOW CARE AIM SAVE")
# Capitals that stand for their governments (Athens has struggled, Beijing sees): names at a sentence's start.
CAPITALS = _set("""
Washington Beijing Moscow Berlin Paris London Brussels Tokyo Athens Rome Madrid Lisbon Vienna Warsaw
Prague Budapest Bucharest Sofia Kyiv Kiev Minsk Ankara Tehran Baghdad Damascus Riyadh Jerusalem Cairo
Delhi Islamabad Kabul Seoul Pyongyang Taipei Hanoi Bangkok Jakarta Manila Canberra Ottawa Brasilia
Havana Caracas Pretoria Nairobi Abuja Addis Ababa Stockholm Oslo Copenhagen Helsinki Dublin Amsterdam
Bern Belgrade Zagreb Tallinn Riga Vilnius Tbilisi Yerevan Baku Doha Beirut Amman Kremlin Whitehall
Westminster Pentagon
""")
PLACES = COUNTRIES | CAPITALS
